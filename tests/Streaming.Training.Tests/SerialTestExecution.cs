using Xunit;

// TorchSharp 0.107 passes temporary Scalars (the implicit alpha of every add, Adam's eps) to native
// calls without keeping them alive: a GC that another thread triggers during the call lets the
// finalizer free the Scalar under libtorch ("Expected false to be true" from Scalar::toFloat).
// Test classes running in parallel make that likely (ScalarSafeAdam and the uplift model avoid it;
// TorchSharp's own optimisers do not), and set_num_threads is process-wide: run them one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

using Xunit;

// Every test here runs brokers, pipelines and child processes; on a 2-core machine running them
// side by side only makes each slower and their timeouts flakier.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Streaming.Inference;

/// <summary>
/// Monotonic counters of the inference layer, for the metrics endpoint and tests. Thread-safe;
/// components take one instance (shared or per stage) at construction.
/// </summary>
public sealed class InferenceCounters
{
    private long _modelsRefused;
    private long _swapsCompleted;
    private long _swapsRefused;
    private long _batches;
    private long _rows;
    private long _batchFailures;
    private long _submissionsRefused;
    private long _versionsAnnounced;

    /// <summary>Models the registry refused to publish or load (corrupt, checksum, contract).</summary>
    public long ModelsRefused => Volatile.Read(ref _modelsRefused);

    /// <summary>Swaps that put a new version into service.</summary>
    public long SwapsCompleted => Volatile.Read(ref _swapsCompleted);

    /// <summary>Swaps refused (contract, warm-up NaN/Inf/out of range, not newer); the old version kept serving.</summary>
    public long SwapsRefused => Volatile.Read(ref _swapsRefused);

    /// <summary>Batches run.</summary>
    public long Batches => Volatile.Read(ref _batches);

    /// <summary>Rows scored in successful batches.</summary>
    public long Rows => Volatile.Read(ref _rows);

    /// <summary>Batches that failed (no model serving, or the run threw); their requests completed with a failure status.</summary>
    public long BatchFailures => Volatile.Read(ref _batchFailures);

    /// <summary>Submissions refused because the queue was paused or the batcher stopped.</summary>
    public long SubmissionsRefused => Volatile.Read(ref _submissionsRefused);

    /// <summary>"New version available" announcements raised by a watcher.</summary>
    public long VersionsAnnounced => Volatile.Read(ref _versionsAnnounced);

    internal void ModelRefused() => Interlocked.Increment(ref _modelsRefused);

    internal void SwapCompleted() => Interlocked.Increment(ref _swapsCompleted);

    internal void SwapRefused() => Interlocked.Increment(ref _swapsRefused);

    internal void BatchRun(int rows)
    {
        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _rows, rows);
    }

    internal void BatchFailed() => Interlocked.Increment(ref _batchFailures);

    internal void SubmissionRefused() => Interlocked.Increment(ref _submissionsRefused);

    internal void VersionAnnounced() => Interlocked.Increment(ref _versionsAnnounced);
}

namespace Streaming.Pipeline;

/// <summary>
/// Counters of one pipeline instance, updated with interlocked operations from the stream and read
/// by the health endpoint and the commands' summaries.
/// </summary>
public sealed class PipelineMetrics
{
    private long _interactionsApplied;
    private long _requestsScored;
    private long _deadLettered;
    private long _alreadyApplied;
    private long _checkpoints;
    private long _storeFailures;
    private long _fenced;
    private long _lastCheckpointUnixMs;
    private long _skippedOffsets;
    private volatile bool _storeFailing;
    private string? _lastStoreError;
    private long _storeFailingSinceUnixMs;

    /// <summary>Interactions applied to user state.</summary>
    public long InteractionsApplied => Volatile.Read(ref _interactionsApplied);

    /// <summary>ScoringRequests answered on the scored topic.</summary>
    public long RequestsScored => Volatile.Read(ref _requestsScored);

    /// <summary>Records sent to the dead-letter topic.</summary>
    public long DeadLettered => Volatile.Read(ref _deadLettered);

    /// <summary>Records skipped because the stored state already reflected them (redelivery after a rebalance).</summary>
    public long AlreadyApplied => Volatile.Read(ref _alreadyApplied);

    /// <summary>Checkpoints made durable.</summary>
    public long Checkpoints => Volatile.Read(ref _checkpoints);

    /// <summary>Checkpoint writes that failed and were retried.</summary>
    public long StoreFailures => Volatile.Read(ref _storeFailures);

    /// <summary>Checkpoints refused because another owner had moved the partition on.</summary>
    public long Fenced => Volatile.Read(ref _fenced);

    /// <summary>Offsets the input never delivered (deleted by retention before being consumed); normally 0.</summary>
    public long SkippedOffsets => Volatile.Read(ref _skippedOffsets);

    /// <summary>Unix time of the last durable checkpoint, 0 before the first.</summary>
    public long LastCheckpointUnixMs => Volatile.Read(ref _lastCheckpointUnixMs);

    /// <summary>True while the last checkpoint write failed and is being retried.</summary>
    /// <remarks>Written by the checkpoint task, read by the health endpoint's thread: volatile.</remarks>
    public bool StoreFailing
    {
        get => _storeFailing;
        internal set => _storeFailing = value;
    }

    internal void AddApplied(long count) => Interlocked.Add(ref _interactionsApplied, count);

    internal void AddScored(long count) => Interlocked.Add(ref _requestsScored, count);

    internal void AddDeadLettered(long count) => Interlocked.Add(ref _deadLettered, count);

    internal void AddAlreadyApplied(long count) => Interlocked.Add(ref _alreadyApplied, count);

    internal void CheckpointDurable(long unixMs)
    {
        Interlocked.Increment(ref _checkpoints);
        Volatile.Write(ref _lastCheckpointUnixMs, unixMs);
    }

    internal void AddSkippedOffsets(long count) => Interlocked.Add(ref _skippedOffsets, count);

    /// <summary>The last checkpoint write error while <see cref="StoreFailing"/>; null when writes succeed.</summary>
    public string? LastStoreError => Volatile.Read(ref _lastStoreError);

    /// <summary>When the current run of failing checkpoint writes began; null when writes succeed.</summary>
    public DateTimeOffset? StoreFailingSince => Volatile.Read(ref _storeFailingSinceUnixMs) is var ms and > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;

    internal void StoreFailed(string error, DateTimeOffset now)
    {
        Interlocked.Increment(ref _storeFailures);
        Volatile.Write(ref _lastStoreError, error);
        Interlocked.CompareExchange(ref _storeFailingSinceUnixMs, now.ToUnixTimeMilliseconds(), 0);
        _storeFailing = true;
    }

    internal void StoreRecovered()
    {
        _storeFailing = false;
        Volatile.Write(ref _lastStoreError, null);
        Volatile.Write(ref _storeFailingSinceUnixMs, 0);
    }

    internal void FencedOut() => Interlocked.Increment(ref _fenced);
}

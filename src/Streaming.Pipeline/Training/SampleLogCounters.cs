namespace Streaming.Pipeline.Training;

/// <summary>Counts of a sample log's records as their checkpoints complete, updated with interlocked operations.</summary>
public sealed class SampleLogCounters
{
    private long _fatigueRows;
    private long _upliftRows;
    private long _outcomes;
    private long _payloadBytes;
    private long _storedBytes;

    /// <summary>Candidate rows (fatigue stage inputs) logged.</summary>
    public long FatigueRows => Volatile.Read(ref _fatigueRows);

    /// <summary>Request rows (uplift stage inputs) logged.</summary>
    public long UpliftRows => Volatile.Read(ref _upliftRows);

    /// <summary>Outcomes (applied interactions) logged.</summary>
    public long Outcomes => Volatile.Read(ref _outcomes);

    /// <summary>Bytes of the framed records, before any compression.</summary>
    public long PayloadBytes => Volatile.Read(ref _payloadBytes);

    /// <summary>Bytes written to storage (a file log's segments, compressed); 0 for a Kafka log, whose producer compresses.</summary>
    public long StoredBytes => Volatile.Read(ref _storedBytes);

    internal void Add(long fatigueRows, long upliftRows, long outcomes, long payloadBytes, long storedBytes)
    {
        Interlocked.Add(ref _fatigueRows, fatigueRows);
        Interlocked.Add(ref _upliftRows, upliftRows);
        Interlocked.Add(ref _outcomes, outcomes);
        Interlocked.Add(ref _payloadBytes, payloadBytes);
        Interlocked.Add(ref _storedBytes, storedBytes);
    }
}

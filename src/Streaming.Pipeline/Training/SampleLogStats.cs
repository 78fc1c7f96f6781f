namespace Streaming.Pipeline.Training;

/// <summary>What reading a sample log found, before the join.</summary>
public sealed record SampleLogStats
{
    /// <summary>Segment files read (0 for a Kafka log).</summary>
    public int Segments { get; init; }

    /// <summary>Bytes of the log as stored: segment files, or the records' values on Kafka.</summary>
    public long StoredBytes { get; init; }

    /// <summary>Bytes of the framed records, uncompressed.</summary>
    public long PayloadBytes { get; init; }

    /// <summary>Candidate (fatigue) rows read, duplicates included.</summary>
    public long FatigueSamples { get; init; }

    /// <summary>Request (uplift) rows read, duplicates included.</summary>
    public long UpliftSamples { get; init; }

    /// <summary>Outcomes read, duplicates included.</summary>
    public long Outcomes { get; init; }

    /// <summary>Torn last blocks dropped (a crash during a checkpoint that never committed).</summary>
    public int TornBlocks { get; init; }

    /// <summary>Stored bytes per candidate row read: the log's cost of one served candidate, outcomes and request rows included.</summary>
    public double StoredBytesPerCandidate => FatigueSamples == 0 ? 0 : (double)StoredBytes / FatigueSamples;
}

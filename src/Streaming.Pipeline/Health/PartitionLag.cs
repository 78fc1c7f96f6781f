namespace Streaming.Pipeline.Health;

/// <summary>One assigned input partition as the health endpoint reports it.</summary>
/// <param name="Topic">The topic.</param>
/// <param name="Partition">The partition number.</param>
/// <param name="Position">Next offset the consumer fetches, or null before the first fetch.</param>
/// <param name="HighWatermark">Offset after the partition's last record as last seen, or null when unknown.</param>
/// <param name="Lag">Records not fetched yet (high watermark minus position), or null when unknown.</param>
/// <param name="DurableNextOffset">Next offset not covered by durable state, or null before this instance's first checkpoint.</param>
/// <param name="CommittedNextOffset">Highest offset this instance committed to Kafka, or null when none.</param>
/// <param name="StoredNextOffset">
/// The state store's next offset for the partition (what a restart resumes from), or null when
/// the store has none or was not given to the check. Unlike <paramref name="DurableNextOffset"/>
/// it is known from the start, also for a partition with nothing new to process.
/// </param>
/// <param name="Buffered">Records fetched but not yet handed to processing.</param>
/// <param name="Paused">Whether fetching is paused because processing (or the store) is behind.</param>
public sealed record PartitionLag(
    string Topic,
    int Partition,
    long? Position,
    long? HighWatermark,
    long? Lag,
    long? DurableNextOffset,
    long? CommittedNextOffset,
    long? StoredNextOffset,
    int Buffered,
    bool Paused);

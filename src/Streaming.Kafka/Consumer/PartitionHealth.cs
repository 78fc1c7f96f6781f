using Confluent.Kafka;

namespace Streaming.Kafka.Consumer;

/// <summary>Health of one assigned partition.</summary>
/// <param name="Partition">The partition.</param>
/// <param name="Position">Next offset the consumer will fetch, or null before the first fetch.</param>
/// <param name="HighWatermark">Offset after the partition's last record as last seen by the consumer, or null when unknown.</param>
/// <param name="Lag">High watermark minus position (records not fetched yet), or null when either is unknown.</param>
/// <param name="Buffered">Records fetched but not yet emitted to the partition's sub-stream.</param>
/// <param name="Paused">Whether fetching is paused because the sub-stream is not keeping up.</param>
/// <param name="DurableNextOffset">Highest durable mark, or null when none.</param>
/// <param name="CommittedNextOffset">Highest offset this consumer committed, or null when none.</param>
public sealed record PartitionHealth(
    TopicPartition Partition,
    long? Position,
    long? HighWatermark,
    long? Lag,
    int Buffered,
    bool Paused,
    long? DurableNextOffset,
    long? CommittedNextOffset);

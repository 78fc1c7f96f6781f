namespace Streaming.Kafka.Consumer;

/// <summary>Health picture of one <see cref="KafkaPartitionSource"/> consumer.</summary>
/// <param name="State">Life-cycle state.</param>
/// <param name="Partitions">Currently assigned partitions, ordered by topic then partition.</param>
/// <param name="LastCommit">The latest commit attempt, or null before the first.</param>
/// <param name="TakenAt">When the consumer thread took this snapshot.</param>
public sealed record KafkaConsumerHealth(
    KafkaConsumerState State,
    IReadOnlyList<PartitionHealth> Partitions,
    CommitInfo? LastCommit,
    DateTimeOffset TakenAt)
{
    /// <summary>Sum of the known per-partition lags.</summary>
    public long TotalLag => Partitions.Sum(p => p.Lag ?? 0);
}

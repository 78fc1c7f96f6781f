namespace Streaming.Pipeline.Health;

/// <summary>
/// What the health endpoint reports about one pipeline node (served as JSON by
/// <see cref="HealthEndpoint"/>, read back by <c>streaming health</c>).
/// </summary>
/// <param name="Status">The verdict: healthy (HTTP 200) or not (HTTP 503).</param>
/// <param name="Live">False when the stream has ended, the consumer has failed or stopped, or its thread stopped refreshing its picture.</param>
/// <param name="Reasons">Why the node is unhealthy; empty when healthy.</param>
/// <param name="Consumer">The consumer's life-cycle state (Starting, Running, Stopping, Stopped, Failed).</param>
/// <param name="TotalLag">Sum of the known partition lags.</param>
/// <param name="Partitions">The assigned partitions, ordered by topic then partition.</param>
/// <param name="LastCommit">The latest Kafka offset commit, or null before the first.</param>
/// <param name="Store">The state store's checkpoint writes.</param>
/// <param name="Counters">The pipeline's counters.</param>
/// <param name="TakenAt">When this report was made.</param>
public sealed record PipelineHealth(
    HealthStatus Status,
    bool Live,
    IReadOnlyList<string> Reasons,
    string Consumer,
    long TotalLag,
    IReadOnlyList<PartitionLag> Partitions,
    CommitHealth? LastCommit,
    StoreHealth Store,
    PipelineCounters Counters,
    DateTimeOffset TakenAt);

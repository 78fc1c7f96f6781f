using Confluent.Kafka;

namespace Streaming.Kafka.Consumer;

/// <summary>
/// Configuration of <see cref="KafkaPartitionSource"/>. Immutable; derive variants with
/// <c>with</c>. <see cref="Validate"/> runs when a source is created.
/// </summary>
public sealed record KafkaSourceSettings
{
    /// <summary>Default <see cref="PauseThreshold"/>: 1,024 records per partition.</summary>
    /// <remarks>
    /// Enough to keep a busy partition's sub-stream fed across one fetch round trip at a few
    /// hundred thousand records/s (fetches come back in about a millisecond locally), small enough
    /// that dozens of assigned partitions hold only a few MB of records in the stage.
    /// </remarks>
    public const int DefaultPauseThreshold = 1024;

    /// <summary>Default <see cref="ResumeThreshold"/>: half the pause threshold.</summary>
    /// <remarks>
    /// Resuming at half (as System.IO.Pipelines does) leaves 512 records to serve while the fetch
    /// after Resume is in flight, and the gap keeps a partition that hovers at the threshold from
    /// pausing and resuming on every record.
    /// </remarks>
    public const int DefaultResumeThreshold = DefaultPauseThreshold / 2;

    /// <summary>Kafka bootstrap servers (host:port, comma separated).</summary>
    public required string BootstrapServers { get; init; }

    /// <summary>Consumer group id; offsets are committed for this group.</summary>
    public required string GroupId { get; init; }

    /// <summary>Topics to subscribe to.</summary>
    public required IReadOnlyList<string> Topics { get; init; }

    /// <summary>Client id reported to the brokers.</summary>
    public string ClientId { get; init; } = "streaming";

    /// <summary>
    /// Buffered records at which a partition is paused. Records only pile up while the
    /// partition's sub-stream has no demand (or is not materialized yet), so this bounds memory
    /// per partition: the buffer never holds more than this many records.
    /// </summary>
    public int PauseThreshold { get; init; } = DefaultPauseThreshold;

    /// <summary>Buffered records at or below which a paused partition is resumed; below <see cref="PauseThreshold"/>.</summary>
    public int ResumeThreshold { get; init; } = DefaultResumeThreshold;

    /// <summary>
    /// How long a revoke (or a lost-free shutdown) waits for the pipeline to mark what it
    /// already received durable before committing and letting the rebalance proceed. The whole
    /// group's rebalance waits with it, so keep it short; 5 s by default.
    /// </summary>
    public TimeSpan RevokeTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Longest time a durable mark waits before it is committed; 1 s by default.</summary>
    public TimeSpan CommitInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Records made durable (summed over partitions) that trigger a commit before
    /// <see cref="CommitInterval"/> is up; 10,000 by default.
    /// </summary>
    public int CommitBatch { get; init; } = 10_000;

    /// <summary>
    /// Longest single wait of the consumer thread for records; bounds how late it notices a
    /// command (resume, drain, stop) and a due commit. 100 ms by default.
    /// </summary>
    public TimeSpan PollTimeout { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Longest time a broker holds a fetch when it has no new data (fetch.wait.max.ms); 100 ms by
    /// default instead of librdkafka's 500 ms. Pausing drops the records librdkafka prefetched for
    /// the partition, and the fetch that resumes it can queue behind such an idle fetch, so this
    /// bounds how long a resumed partition may wait for its next records.
    /// </summary>
    public TimeSpan FetchWaitMax { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How often the consumer thread refreshes <see cref="IKafkaConsumerControl.Snapshot"/>; 1 s by default.</summary>
    public TimeSpan HealthInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Group session timeout; null keeps librdkafka's default (45 s). A membership change (a node
    /// that dies without leaving) waits this long, so tests use about 6 s.
    /// </summary>
    public TimeSpan? SessionTimeout { get; init; }

    /// <summary>
    /// Partition assignment strategy. Cooperative-sticky by default: a rebalance revokes only the
    /// partitions that move, so partitions that stay keep streaming and keep their in-memory
    /// state; eager (range/round-robin) revokes and re-assigns everything on every membership
    /// change. Cooperative revokes also happen while the group is stable, so the revoke-time
    /// commit is accepted; under eager the commit races the rebalance (the mock broker refuses it
    /// with REBALANCE_IN_PROGRESS) and the next owner re-reads from the previous commit
    /// (duplicates, never loss). Every member of a group must use the same protocol.
    /// </summary>
    public PartitionAssignmentStrategy AssignmentStrategy { get; init; } = PartitionAssignmentStrategy.CooperativeSticky;

    /// <summary>
    /// Extra librdkafka consumer properties, applied last (they override the settings above,
    /// except enable.auto.commit and enable.auto.offset.store, which this source owns).
    /// </summary>
    public IReadOnlyDictionary<string, string> Properties { get; init; } = new Dictionary<string, string>();

    /// <summary>Settings for one group on <paramref name="bootstrapServers"/> subscribing to <paramref name="topics"/>.</summary>
    /// <param name="bootstrapServers">Kafka bootstrap servers.</param>
    /// <param name="groupId">Consumer group id.</param>
    /// <param name="topics">Topics to subscribe to.</param>
    /// <returns>Settings with every other value at its default.</returns>
    public static KafkaSourceSettings Create(string bootstrapServers, string groupId, params string[] topics) =>
        new() { BootstrapServers = bootstrapServers, GroupId = groupId, Topics = topics };

    /// <summary>Throws <see cref="ArgumentException"/> naming the first inconsistent setting.</summary>
    public void Validate()
    {
        Require(!string.IsNullOrWhiteSpace(BootstrapServers), nameof(BootstrapServers), "is empty");
        Require(!string.IsNullOrWhiteSpace(GroupId), nameof(GroupId), "is empty");
        Require(Topics is { Count: > 0 } && Topics.All(t => !string.IsNullOrWhiteSpace(t)), nameof(Topics), "must name at least one topic, none empty");
        Require(PauseThreshold >= 1, nameof(PauseThreshold), "must be at least 1");
        Require(ResumeThreshold >= 0 && ResumeThreshold < PauseThreshold, nameof(ResumeThreshold),
            $"must be in [0, {nameof(PauseThreshold)}) so that pausing and resuming cannot thrash");
        Require(RevokeTimeout >= TimeSpan.Zero, nameof(RevokeTimeout), "must not be negative");
        Require(CommitInterval > TimeSpan.Zero, nameof(CommitInterval), "must be positive");
        Require(CommitBatch >= 1, nameof(CommitBatch), "must be at least 1");
        Require(PollTimeout > TimeSpan.Zero && PollTimeout <= TimeSpan.FromSeconds(5), nameof(PollTimeout), "must be in (0, 5 s]");
        Require(FetchWaitMax > TimeSpan.Zero, nameof(FetchWaitMax), "must be positive");
        Require(HealthInterval > TimeSpan.Zero, nameof(HealthInterval), "must be positive");
        Require(SessionTimeout is null || SessionTimeout > TimeSpan.Zero, nameof(SessionTimeout), "must be positive");
    }

    internal ConsumerConfig ToConsumerConfig()
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = BootstrapServers,
            GroupId = GroupId,
            ClientId = ClientId,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            PartitionAssignmentStrategy = AssignmentStrategy,
            FetchWaitMaxMs = (int)FetchWaitMax.TotalMilliseconds,
        };
        if (SessionTimeout is { } session)
        {
            config.SessionTimeoutMs = (int)session.TotalMilliseconds;
            config.HeartbeatIntervalMs = Math.Max(100, (int)session.TotalMilliseconds / 3);
        }

        foreach (var (key, value) in Properties)
        {
            config.Set(key, value);
        }

        // The source commits only what the pipeline marked durable; librdkafka must not.
        config.EnableAutoCommit = false;
        config.EnableAutoOffsetStore = false;
        return config;
    }

    private static void Require(bool condition, string name, string problem)
    {
        if (!condition)
        {
            throw new ArgumentException($"{nameof(KafkaSourceSettings)}.{name} {problem}.", name);
        }
    }
}

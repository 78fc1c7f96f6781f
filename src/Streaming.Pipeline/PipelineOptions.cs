namespace Streaming.Pipeline;

/// <summary>
/// Where the pipeline reads and writes, and how often it makes its work durable. Loaded from a
/// file in <c>pipelines/</c> by the host; every default here is the embedded mode's.
/// </summary>
public sealed record PipelineOptions
{
    /// <summary>The input topic carrying both Interactions and ScoringRequests, keyed by user id.</summary>
    public string EventsTopic { get; init; } = "events";

    /// <summary>The output topic of ScoredRequests.</summary>
    public string ScoredTopic { get; init; } = "scored";

    /// <summary>
    /// The dead-letter topic: <c>&lt;topic&gt;.dlq</c> of <see cref="EventsTopic"/> (SPEC §1) unless set;
    /// a replay sets its own so that its dead letters stay out of production's.
    /// </summary>
    public string DeadLetterTopic
    {
        get => _deadLetterTopic ?? EventsTopic + ".dlq";
        init => _deadLetterTopic = value;
    }

    private readonly string? _deadLetterTopic;

    /// <summary>Partitions of the input topic (used when the embedded broker creates it).</summary>
    public int Partitions { get; init; } = 8;

    /// <summary>The Kafka consumer group of the pipeline nodes.</summary>
    public string GroupId { get; init; } = "streaming";

    /// <summary>
    /// Most records one checkpoint covers. Checkpoints form by group commit: a partition batches
    /// only the records that arrive while its previous checkpoint is being made durable, so a
    /// lightly loaded pipeline checkpoints every record and a loaded one amortises the fsync.
    /// </summary>
    public int MaxCheckpointRecords { get; init; } = 4_096;

    /// <summary>
    /// Checkpoints of one partition in flight at once. Above 1, the next run of records is
    /// processed and its outputs produced while the previous checkpoint waits for its
    /// acknowledgements and its fsync; commits still happen strictly in order, each after its
    /// predecessor. Default 1: on the 2-core machine, 2 measured no faster (bench pipeline,
    /// 200k events: 18.3k and 17.4k events/s at 2 against 17.2k and 27.5k at 1; the CPU is the
    /// limit, not the fsync), and 1 keeps a checkpoint's records few when the input is slow.
    /// </summary>
    public int CheckpointsInFlight { get; init; } = 1;

    /// <summary>Users kept decoded in memory per partition before clean ones are evicted.</summary>
    public int UserCacheCapacity { get; init; } = 50_000;

    /// <summary>Largest payload accepted on the input topic; larger ones go to the dead-letter topic.</summary>
    public int MaxPayloadBytes { get; init; } = 1 << 20;

    /// <summary>Bound on a draining shutdown: finish in-flight work, commit, close.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// How long checkpoint writes may keep failing before the stream fails. Until then they are
    /// retried (nothing is lost, health is red); past it the process exits so that a restart
    /// reopens the store, which some failures (a RocksDB that hit a full disk) need.
    /// </summary>
    public TimeSpan MaxStoreFailure { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Validates the options, naming the first bad value.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(EventsTopic) || string.IsNullOrWhiteSpace(ScoredTopic))
        {
            throw new ArgumentException("Topics must be named.");
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(Partitions, 1, nameof(Partitions));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxCheckpointRecords, 1, nameof(MaxCheckpointRecords));
        ArgumentOutOfRangeException.ThrowIfLessThan(CheckpointsInFlight, 1, nameof(CheckpointsInFlight));
        ArgumentOutOfRangeException.ThrowIfLessThan(UserCacheCapacity, 16, nameof(UserCacheCapacity));
    }
}

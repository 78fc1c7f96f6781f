namespace Streaming.Host.Chaos;

/// <summary>The knobs of a kill -9 chaos run; the defaults are the full run (200k events, 20 kills).</summary>
internal sealed record ChaosOptions
{
    /// <summary>Valid events (interactions and requests) produced.</summary>
    public int Events { get; init; } = 200_000;

    /// <summary>How many times the pipeline process is killed with SIGKILL.</summary>
    public int Kills { get; init; } = 20;

    /// <summary>Seeds the dataset, the bad records, their positions and the kill points.</summary>
    public long Seed { get; init; } = 1;

    /// <summary>Partitions of the input, scored and dead-letter topics.</summary>
    public int Partitions { get; init; } = 8;

    /// <summary>Users of the synthetic dataset.</summary>
    public int Users { get; init; } = 2_000;

    /// <summary>Malformed records interleaved with the events.</summary>
    public int BadRecords { get; init; } = 10_000;

    /// <summary>
    /// The pipeline's payload limit: low enough that oversized records stay far below the
    /// producer's and broker's own 1 MB limits (which would refuse them before the pipeline sees them).
    /// </summary>
    public int MaxPayloadBytes { get; init; } = 2_048;

    /// <summary>Consumer session timeout of the pipeline processes: a restart after kill -9 waits about this long for the dead member.</summary>
    public TimeSpan SessionTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Records per partition that may be produced but not durable yet. Far below the embedded
    /// broker's retention (5 MiB or 100,000 message sets per partition): 2,000 records of ~200 bytes.
    /// </summary>
    public int WindowPerPartition { get; init; } = 2_000;

    /// <summary>
    /// Production rate, records per second: the workload arrives as a live stream, so the pipeline
    /// is mostly caught up and a kill point hits records that are arriving, not a backlog.
    /// </summary>
    public double RecordsPerSecond { get; init; } = 4_000;

    /// <summary>A kill comes a seeded random delay in [0, this) after its durable-records threshold is seen.</summary>
    public TimeSpan MaxKillDelay { get; init; } = TimeSpan.FromMilliseconds(300);

    /// <summary>A startup kill comes a seeded random delay in [0, this) after the node was started.</summary>
    public TimeSpan MaxStartupKillDelay { get; init; } = TimeSpan.FromSeconds(4);

    /// <summary>A run fails when durable progress stalls this long.</summary>
    public TimeSpan StallTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>Where the pipeline processes keep their store and logs.</summary>
    public required string WorkFolder { get; init; }

    /// <summary>The CI variant: 20k events, 1k bad records, 4 kills, 4 partitions.</summary>
    public static ChaosOptions Quick(string workFolder) => new()
    {
        WorkFolder = workFolder,
        Events = 20_000,
        Users = 400,
        BadRecords = 1_000,
        Kills = 4,
        Partitions = 4,
        RecordsPerSecond = 2_000,
    };

    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Events, 100, nameof(Events));
        ArgumentOutOfRangeException.ThrowIfNegative(Kills, nameof(Kills));
        ArgumentOutOfRangeException.ThrowIfLessThan(Partitions, 1, nameof(Partitions));
        ArgumentOutOfRangeException.ThrowIfLessThan(Users, 1, nameof(Users));
        ArgumentOutOfRangeException.ThrowIfNegative(BadRecords, nameof(BadRecords));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxPayloadBytes, 256, nameof(MaxPayloadBytes));
        ArgumentOutOfRangeException.ThrowIfLessThan(RecordsPerSecond, 1, nameof(RecordsPerSecond));
        ArgumentOutOfRangeException.ThrowIfLessThan(WindowPerPartition, 16, nameof(WindowPerPartition));
    }
}

namespace Streaming.Pipeline.Health;

/// <summary>The counters of <see cref="PipelineMetrics"/> at one moment.</summary>
/// <param name="InteractionsApplied">Interactions applied to user state.</param>
/// <param name="RequestsScored">Scoring requests answered.</param>
/// <param name="DeadLettered">Records sent to the dead-letter topic.</param>
/// <param name="AlreadyApplied">Redelivered records skipped because the state already reflected them.</param>
/// <param name="Checkpoints">Checkpoints made durable.</param>
/// <param name="LastCheckpoint">When the last checkpoint became durable, or null before the first.</param>
public sealed record PipelineCounters(
    long InteractionsApplied,
    long RequestsScored,
    long DeadLettered,
    long AlreadyApplied,
    long Checkpoints,
    DateTimeOffset? LastCheckpoint)
{
    /// <summary>Reads <paramref name="metrics"/>.</summary>
    public static PipelineCounters From(PipelineMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var last = metrics.LastCheckpointUnixMs;
        return new PipelineCounters(
            metrics.InteractionsApplied,
            metrics.RequestsScored,
            metrics.DeadLettered,
            metrics.AlreadyApplied,
            metrics.Checkpoints,
            last == 0 ? null : DateTimeOffset.FromUnixTimeMilliseconds(last));
    }
}

namespace Streaming.Pipeline.Replay;

/// <summary>What a finished replay did.</summary>
/// <param name="Settings">The replay's settings.</param>
/// <param name="ModelVersions">The versions that served each stage (<c>stage=version</c>), or <c>baseline</c>.</param>
/// <param name="Interactions">Interactions applied.</param>
/// <param name="Requests">Requests scored.</param>
/// <param name="DeadLettered">Records sent to the replay's dead-letter topic.</param>
/// <param name="SkippedOffsets">Offsets of the range the broker never delivered.</param>
/// <param name="Elapsed">Wall time from the first record to the last durable checkpoint.</param>
/// <param name="Progress">Durable records against seconds since the start, sampled while it ran.</param>
/// <param name="ScoredStart">The replay's scored topic's end offsets before it ran, per partition: its outputs start there.</param>
public sealed record ReplayOutcome(
    ReplaySettings Settings,
    IReadOnlyList<string> ModelVersions,
    long Interactions,
    long Requests,
    long DeadLettered,
    long SkippedOffsets,
    TimeSpan Elapsed,
    IReadOnlyList<(double Seconds, long Records)> Progress,
    IReadOnlyDictionary<int, long> ScoredStart)
{
    /// <summary>Range records per second of wall time.</summary>
    public double EventsPerSecond => Settings.Range.Records / Math.Max(Elapsed.TotalSeconds, 1e-9);
}

namespace Streaming.Kafka.Consumer;

/// <summary>Outcome of one offset commit.</summary>
/// <param name="At">When the commit finished.</param>
/// <param name="Partitions">Partitions whose offsets it carried.</param>
/// <param name="Error">Why it failed, or null when it succeeded (a failed commit is retried with the next one).</param>
public sealed record CommitInfo(DateTimeOffset At, int Partitions, string? Error);

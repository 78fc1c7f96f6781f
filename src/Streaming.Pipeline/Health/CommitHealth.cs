namespace Streaming.Pipeline.Health;

/// <summary>The latest Kafka offset commit of the consumer.</summary>
/// <param name="At">When it finished.</param>
/// <param name="Partitions">Partitions it carried.</param>
/// <param name="Error">Why it failed, or null when it succeeded (a failed commit is retried with the next one).</param>
public sealed record CommitHealth(DateTimeOffset At, int Partitions, string? Error);

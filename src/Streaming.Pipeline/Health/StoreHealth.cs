namespace Streaming.Pipeline.Health;

/// <summary>The state store as the pipeline sees it through its checkpoint writes.</summary>
/// <param name="Failing">True while the last checkpoint write failed and is being retried: nothing new becomes durable.</param>
/// <param name="Failures">Checkpoint writes that failed so far (each retried with backoff).</param>
/// <param name="Fenced">Checkpoints refused because another owner had moved the partition on.</param>
public sealed record StoreHealth(bool Failing, long Failures, long Fenced);

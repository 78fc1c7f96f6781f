using Streaming.Kafka.Consumer;
using Streaming.State;

namespace Streaming.Pipeline.Health;

/// <summary>
/// Turns a node's counters, consumer snapshot and stream state into a <see cref="PipelineHealth"/>.
/// Red (unhealthy) when the node is not live, or while the store refuses checkpoints: then nothing
/// new becomes durable or gets committed, and the partitions back up until the store recovers.
/// Lag alone never turns it red: a node catching up after a restart is healthy.
/// </summary>
public static class PipelineHealthCheck
{
    /// <summary>
    /// How old the consumer's snapshot may get before the node counts as not live. The consumer
    /// thread refreshes it every <see cref="KafkaSourceSettings.HealthInterval"/> (1 s), also while
    /// every partition is paused; a snapshot this old means the thread is stuck.
    /// </summary>
    public static readonly TimeSpan DefaultStaleAfter = TimeSpan.FromSeconds(30);

    /// <summary>Checks a running pipeline.</summary>
    /// <param name="pipeline">The pipeline.</param>
    /// <param name="store">The pipeline's state store, to report each partition's stored offset; null to leave them out.</param>
    /// <param name="now">The current time (to judge the snapshot's age).</param>
    public static PipelineHealth Evaluate(StreamingPipeline pipeline, IStateStore? store, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        return Evaluate(pipeline.Metrics, pipeline.Control.Snapshot(), pipeline.Completion, store, now, DefaultStaleAfter);
    }

    /// <summary>Checks a pipeline from its parts.</summary>
    /// <param name="metrics">The pipeline's counters.</param>
    /// <param name="consumer">The consumer's latest snapshot.</param>
    /// <param name="completion">The stream's completion task.</param>
    /// <param name="store">The state store, to report each partition's stored offset; null to leave them out.</param>
    /// <param name="now">The current time.</param>
    /// <param name="staleAfter">How old <paramref name="consumer"/> may be before the node is not live.</param>
    public static PipelineHealth Evaluate(
        PipelineMetrics metrics, KafkaConsumerHealth consumer, Task completion, IStateStore? store, DateTimeOffset now, TimeSpan staleAfter)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(consumer);
        ArgumentNullException.ThrowIfNull(completion);
        var reasons = new List<string>();
        if (completion.IsFaulted)
        {
            reasons.Add("pipeline failed: " + completion.Exception?.GetBaseException().Message);
        }
        else if (completion.IsCompleted)
        {
            reasons.Add("pipeline stopped");
        }
        if (consumer.State is KafkaConsumerState.Failed or KafkaConsumerState.Stopped)
        {
            reasons.Add($"consumer {consumer.State.ToString().ToLowerInvariant()}");
        }
        var age = now - consumer.TakenAt;
        if (age > staleAfter)
        {
            reasons.Add($"consumer snapshot is {age.TotalSeconds:F0} s old: its thread is not responding");
        }
        var live = reasons.Count == 0;
        var storeFailing = metrics.StoreFailing;
        if (storeFailing)
        {
            var since = metrics.StoreFailingSince is { } start ? $" for {(now - start).TotalSeconds:F0} s" : "";
            reasons.Add($"store: checkpoint writes failing{since} ({metrics.StoreFailures} failures so far; last: {metrics.LastStoreError}); nothing new becomes durable");
        }

        var partitions = consumer.Partitions
            .Select(p => new PartitionLag(p.Partition.Topic, p.Partition.Partition.Value, p.Position, p.HighWatermark, p.Lag,
                p.DurableNextOffset, p.CommittedNextOffset, StoredOffset(store, p.Partition.Topic, p.Partition.Partition.Value, reasons), p.Buffered, p.Paused))
            .ToList();
        var lastCommit = consumer.LastCommit is { } commit ? new CommitHealth(commit.At, commit.Partitions, commit.Error) : null;
        return new PipelineHealth(
            reasons.Count == 0 ? HealthStatus.Healthy : HealthStatus.Unhealthy,
            live,
            reasons,
            consumer.State.ToString(),
            consumer.TotalLag,
            partitions,
            lastCommit,
            new StoreHealth(storeFailing, metrics.StoreFailures, metrics.Fenced),
            PipelineCounters.From(metrics),
            now);
    }

    private static long? StoredOffset(IStateStore? store, string topic, int partition, List<string> reasons)
    {
        if (store is null)
        {
            return null;
        }
        try
        {
            return store.ReadOffset(topic, partition);
        }
        catch (IOException ex)
        {
            reasons.Add($"store: cannot read the offset of {topic}[{partition}]: {ex.Message}");
            return null;
        }
    }
}

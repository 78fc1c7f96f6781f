using Confluent.Kafka;
using Streaming.Kafka.Consumer;
using Streaming.Pipeline;
using Streaming.Pipeline.Health;
using Xunit;

namespace Streaming.Chaos.Tests;

public sealed class HealthVerdictTests
{
    private static readonly DateTimeOffset s_now = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan s_staleAfter = TimeSpan.FromSeconds(30);

    private static KafkaConsumerHealth Consumer(KafkaConsumerState state, DateTimeOffset takenAt) => new(
        state,
        [new PartitionHealth(new TopicPartition("events", 0), Position: 90, HighWatermark: 100, Lag: 10, Buffered: 3, Paused: false, DurableNextOffset: 80, CommittedNextOffset: 70)],
        new CommitInfo(takenAt, 1, null),
        takenAt);

    [Fact]
    public void A_running_consumer_with_a_fresh_snapshot_and_a_running_stream_is_healthy()
    {
        var health = PipelineHealthCheck.Evaluate(new PipelineMetrics(), Consumer(KafkaConsumerState.Running, s_now.AddSeconds(-1)),
            new TaskCompletionSource().Task, store: null, s_now, s_staleAfter);
        Assert.Equal(HealthStatus.Healthy, health.Status);
        Assert.True(health.Live);
        Assert.Equal(10, health.TotalLag);
        var partition = Assert.Single(health.Partitions);
        Assert.Equal(new PartitionLag("events", 0, 90, 100, 10, 80, 70, null, 3, false), partition);
    }

    [Fact]
    public void A_stale_snapshot_a_failed_consumer_or_an_ended_stream_is_not_live()
    {
        var running = new TaskCompletionSource().Task;
        var stale = PipelineHealthCheck.Evaluate(new PipelineMetrics(), Consumer(KafkaConsumerState.Running, s_now.AddMinutes(-2)), running, null, s_now, s_staleAfter);
        var failed = PipelineHealthCheck.Evaluate(new PipelineMetrics(), Consumer(KafkaConsumerState.Failed, s_now), running, null, s_now, s_staleAfter);
        var ended = PipelineHealthCheck.Evaluate(new PipelineMetrics(), Consumer(KafkaConsumerState.Running, s_now),
            Task.FromException(new InvalidOperationException("boom")), null, s_now, s_staleAfter);

        foreach (var health in new[] { stale, failed, ended })
        {
            Assert.Equal(HealthStatus.Unhealthy, health.Status);
            Assert.False(health.Live);
        }
        Assert.Contains(stale.Reasons, r => r.Contains("not responding", StringComparison.Ordinal));
        Assert.Contains(failed.Reasons, r => r == "consumer failed");
        Assert.Contains(ended.Reasons, r => r == "pipeline failed: boom");
    }

    [Fact]
    public void The_json_form_round_trips()
    {
        var health = PipelineHealthCheck.Evaluate(new PipelineMetrics(), Consumer(KafkaConsumerState.Running, s_now), new TaskCompletionSource().Task, null, s_now, s_staleAfter);
        var json = PipelineHealthJson.Serialize(health);
        Assert.Contains("\"status\":\"healthy\"", json, StringComparison.Ordinal);
        Assert.Contains("\"durable_next_offset\":80", json, StringComparison.Ordinal);
        var back = PipelineHealthJson.Deserialize(json);
        Assert.Equal(health.Partitions, back.Partitions);
        Assert.Equal(health.Store, back.Store);
        Assert.Equal(health.Counters, back.Counters);
        Assert.Equal(health.TakenAt, back.TakenAt);
    }
}

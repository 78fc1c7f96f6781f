using Akka.Streams;
using Akka.Streams.Dsl;
using Akka.Streams.TestKit;
using Confluent.Kafka;
using Streaming.Kafka.Consumer;
using Streaming.Kafka.Embedded;

namespace Streaming.Kafka.Tests.Consumer;

public sealed class PartitionBackpressureTests : Akka.TestKit.Xunit2.TestKit, IDisposable
{
    private const int PauseThreshold = 10;
    private const int ResumeThreshold = 4;
    private const int RecordCount = 200;
    private readonly EmbeddedKafkaBroker _broker = EmbeddedKafkaBroker.Start();

    [Fact]
    public async Task A_partition_without_demand_is_paused_at_the_threshold_and_loses_nothing_when_resumed()
    {
        const string topic = "backpressure";
        _broker.CreateTopic(topic, partitions: 1);
        KafkaTestData.Produce(_broker.BootstrapServers, topic, 0, RecordCount);
        var materializer = Sys.Materializer();
        var settings = KafkaTestData.SourceSettings(_broker.BootstrapServers, "backpressure-group", topic) with
        {
            PauseThreshold = PauseThreshold,
            ResumeThreshold = ResumeThreshold,
        };

        var (control, partitions) = KafkaPartitionSource.Create(settings, CommittedStartOffsets.Instance)
            .ToMaterialized(this.SinkProbe<PartitionSource>(), Keep.Both)
            .Run(materializer);
        var partition = partitions.Request(1).ExpectNext(TimeSpan.FromSeconds(20));
        var records = partition.Records.RunWith(this.SinkProbe<ConsumeResult<byte[], byte[]>>(), materializer);
        records.EnsureSubscription();

        // No demand: the buffer fills to the pause threshold and the partition is paused with
        // the rest of the records still in Kafka.
        AwaitAssert(() =>
        {
            var health = Assert.Single(control.Snapshot().Partitions);
            Assert.True(health.Paused);
            Assert.Equal(PauseThreshold, health.Buffered);
            Assert.Equal(PauseThreshold, health.Position);
            Assert.Equal(RecordCount - PauseThreshold, health.Lag);
        }, TimeSpan.FromSeconds(10), KafkaTestData.PollInterval);

        // Drain in uneven steps so the partition pauses and resumes many times.
        var offsets = new List<long>();
        while (offsets.Count < RecordCount)
        {
            var step = Math.Min(7, RecordCount - offsets.Count);
            records.Request(step);
            for (var i = 0; i < step; i++)
            {
                offsets.Add(records.ExpectNext(TimeSpan.FromSeconds(10)).Offset.Value);
            }
        }

        Assert.Equal(Enumerable.Range(0, RecordCount).Select(i => (long)i), offsets);
        records.Request(1);
        records.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        AwaitAssert(() => Assert.False(Assert.Single(control.Snapshot().Partitions).Paused), TimeSpan.FromSeconds(5), KafkaTestData.PollInterval);

        await control.Stop().WaitAsync(TimeSpan.FromSeconds(10));
        records.ExpectComplete();
    }

    void IDisposable.Dispose()
    {
        Shutdown();
        _broker.Dispose();
    }
}

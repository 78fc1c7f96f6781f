using System.Collections.Concurrent;
using System.Text;
using Akka.Streams;
using Akka.Streams.Dsl;
using Confluent.Kafka;
using Streaming.Kafka.Consumer;
using Streaming.Kafka.Embedded;

namespace Streaming.Kafka.Tests.Consumer;

public sealed class PartitionSourceEmissionTests : Akka.TestKit.Xunit2.TestKit, IDisposable
{
    private readonly EmbeddedKafkaBroker _broker = EmbeddedKafkaBroker.Start();

    [Fact]
    public async Task Each_partition_gets_its_own_sub_stream_in_offset_order_from_its_start_offset()
    {
        const string topic = "emission";
        _broker.CreateTopic(topic, partitions: 3);
        KafkaTestData.Produce(_broker.BootstrapServers, topic, [0, 1, 2], count: 20);

        // Partition 1 has no stored offset: it starts at the (absent) committed offset, i.e. earliest.
        var start = new FixedStartOffsets(new Dictionary<int, long?> { [0] = 5, [1] = null, [2] = 12 });
        var expected = new Dictionary<int, long[]>
        {
            [0] = Enumerable.Range(5, 15).Select(i => (long)i).ToArray(),
            [1] = Enumerable.Range(0, 20).Select(i => (long)i).ToArray(),
            [2] = Enumerable.Range(12, 8).Select(i => (long)i).ToArray(),
        };
        var received = new ConcurrentDictionary<int, ConcurrentQueue<ConsumeResult<byte[], byte[]>>>();
        var subStreams = new ConcurrentBag<int>();
        var materializer = Sys.Materializer();

        var control = KafkaPartitionSource.Create(KafkaTestData.SourceSettings(_broker.BootstrapServers, "emission-group", topic), start)
            .To(Sink.ForEach<PartitionSource>(partition =>
            {
                subStreams.Add(partition.Partition.Partition.Value);
                var queue = received.GetOrAdd(partition.Partition.Partition.Value, _ => new ConcurrentQueue<ConsumeResult<byte[], byte[]>>());
                partition.Records.RunForeach(queue.Enqueue, materializer);
            }))
            .Run(materializer);

        AwaitCondition(() => expected.All(e => received.TryGetValue(e.Key, out var q) && q.Count >= e.Value.Length), TimeSpan.FromSeconds(20), KafkaTestData.PollInterval);
        await control.DrainAndShutdown(TimeSpan.FromMilliseconds(100)).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal([0, 1, 2], subStreams.Order());
        foreach (var (partition, offsets) in expected)
        {
            var records = received[partition].ToArray();
            Assert.Equal(offsets, records.Select(r => r.Offset.Value));
            Assert.All(records, r => Assert.Equal(partition, r.Partition.Value));
            Assert.Equal(offsets.Select(o => KafkaTestData.ValueOf(partition, o)), records.Select(r => Encoding.UTF8.GetString(r.Message.Value)));
        }
    }

    [Fact]
    public async Task Draining_completes_the_sub_streams_and_the_source()
    {
        const string topic = "drain";
        _broker.CreateTopic(topic, partitions: 2);
        KafkaTestData.Produce(_broker.BootstrapServers, topic, 0, count: 5);
        var materializer = Sys.Materializer();
        var subStreamDone = new ConcurrentBag<Task>();

        var (control, sourceDone) = KafkaPartitionSource.Create(KafkaTestData.SourceSettings(_broker.BootstrapServers, "drain-group", topic), CommittedStartOffsets.Instance)
            .ToMaterialized(
                Sink.ForEach<PartitionSource>(p => subStreamDone.Add(p.Records.RunForeach(_ => { }, materializer))),
                Keep.Both)
            .Run(materializer);
        AwaitCondition(() => control.Snapshot().Partitions.Count == 2 && subStreamDone.Count == 2, TimeSpan.FromSeconds(20), KafkaTestData.PollInterval);

        await control.DrainAndShutdown(TimeSpan.FromMilliseconds(200)).WaitAsync(TimeSpan.FromSeconds(10));

        await sourceDone.WaitAsync(TimeSpan.FromSeconds(5));
        await Task.WhenAll(subStreamDone).WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(KafkaConsumerState.Stopped, control.Snapshot().State);
        Assert.Empty(control.Snapshot().Partitions);
    }

    void IDisposable.Dispose()
    {
        Shutdown();
        _broker.Dispose();
    }
}

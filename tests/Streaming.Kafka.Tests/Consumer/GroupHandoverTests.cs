using System.Collections.Concurrent;
using Akka.Streams;
using Akka.Streams.Dsl;
using Confluent.Kafka;
using Streaming.Kafka.Consumer;
using Streaming.Kafka.Embedded;

namespace Streaming.Kafka.Tests.Consumer;

public sealed class GroupHandoverTests : Akka.TestKit.Xunit2.TestKit, IDisposable
{
    private const string Topic = "handover";
    private const int Partitions = 4;
    private readonly EmbeddedKafkaBroker _broker = EmbeddedKafkaBroker.Start();
    private readonly ConcurrentDictionary<(string Member, int Partition), ConcurrentQueue<long>> _received = new();

    public GroupHandoverTests() => _broker.CreateTopic(Topic, Partitions);

    [Fact]
    public async Task A_drained_members_partitions_resume_elsewhere_exactly_at_its_durable_offsets()
    {
        const int perPartition = 50;
        const long durableBelow = 30;
        // Both members join within the first rebalance window, so the group splits at once.
        _broker.SetGroupInitialRebalanceDelay(TimeSpan.FromSeconds(1));
        // Member a makes only offsets below 30 durable; b makes everything durable.
        var a = Start("a", "handover-drain", (record, control) =>
        {
            if (record.Offset.Value < durableBelow)
            {
                control.MarkDurable(record.TopicPartition, record.Offset.Value + 1);
            }
        });
        var b = Start("b", "handover-drain", (record, control) => control.MarkDurable(record.TopicPartition, record.Offset.Value + 1));
        AwaitCondition(() => a.Snapshot().Partitions.Count == 2 && b.Snapshot().Partitions.Count == 2, TimeSpan.FromSeconds(30), KafkaTestData.PollInterval);
        var ofA = a.Snapshot().Partitions.Select(p => p.Partition.Partition.Value).ToArray();
        var ofB = b.Snapshot().Partitions.Select(p => p.Partition.Partition.Value).ToArray();
        KafkaTestData.Produce(_broker.BootstrapServers, Topic, Enumerable.Range(0, Partitions), perPartition);

        AwaitCondition(() => ofA.All(p => Count("a", p) == perPartition) && ofB.All(p => Count("b", p) == perPartition), TimeSpan.FromSeconds(20), KafkaTestData.PollInterval);
        await a.DrainAndShutdown(TimeSpan.FromMilliseconds(300)).WaitAsync(TimeSpan.FromSeconds(10));
        AwaitCondition(() => ofA.All(p => Count("b", p) == perPartition - durableBelow), TimeSpan.FromSeconds(20), KafkaTestData.PollInterval);
        await b.DrainAndShutdown(TimeSpan.FromSeconds(2)).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(Enumerable.Range(0, Partitions), ofA.Concat(ofB).Order());
        foreach (var p in ofA)
        {
            Assert.Equal(Range(0, perPartition), Offsets("a", p));
            // No gap and no duplicate beyond what a never made durable.
            Assert.Equal(Range(durableBelow, perPartition), Offsets("b", p));
        }

        foreach (var p in ofB)
        {
            Assert.Equal(Range(0, perPartition), Offsets("b", p));
        }

        Assert.Equal(Enumerable.Repeat((long?)perPartition, Partitions), KafkaTestData.Committed(_broker.BootstrapServers, "handover-drain", Topic, Partitions));
    }

    [Fact]
    public async Task A_revoked_partition_commits_what_the_pipeline_marks_after_its_sub_stream_completes()
    {
        const int before = 40;
        const int after = 10;
        KafkaTestData.Produce(_broker.BootstrapServers, Topic, Enumerable.Range(0, Partitions), before);

        // Member a marks a partition durable only when its sub-stream completes, like a pipeline
        // that flushes its last checkpoint when a partition is revoked.
        var a = Start("a", "handover-revoke", onRecord: null, onCompleted: (partition, lastOffset, control) =>
        {
            if (lastOffset >= 0)
            {
                control.MarkDurable(partition, lastOffset + 1);
            }
        });
        AwaitCondition(() => Enumerable.Range(0, Partitions).All(p => Count("a", p) == before), TimeSpan.FromSeconds(20), KafkaTestData.PollInterval);

        var b = Start("b", "handover-revoke", (record, control) => control.MarkDurable(record.TopicPartition, record.Offset.Value + 1));
        AwaitCondition(() => a.Snapshot().Partitions.Count == 2 && b.Snapshot().Partitions.Count == 2, TimeSpan.FromSeconds(30), KafkaTestData.PollInterval);
        var moved = b.Snapshot().Partitions.Select(p => p.Partition.Partition.Value).ToArray();
        KafkaTestData.Produce(_broker.BootstrapServers, Topic, Enumerable.Range(0, Partitions), after, firstIndex: before);

        AwaitCondition(() => moved.All(p => Count("b", p) == after), TimeSpan.FromSeconds(20), KafkaTestData.PollInterval);
        await Task.WhenAll(a.Stop(), b.Stop()).WaitAsync(TimeSpan.FromSeconds(10));

        foreach (var p in moved)
        {
            Assert.Equal(Range(0, before), Offsets("a", p));
            Assert.Equal(Range(before, before + after), Offsets("b", p));
        }
    }

    private IKafkaConsumerControl Start(
        string member,
        string group,
        Action<ConsumeResult<byte[], byte[]>, IKafkaConsumerControl>? onRecord,
        Action<TopicPartition, long, IKafkaConsumerControl>? onCompleted = null)
    {
        var materializer = Sys.Materializer();
        var holder = new ControlHolder();
        holder.Control = KafkaPartitionSource.Create(KafkaTestData.SourceSettings(_broker.BootstrapServers, group, Topic), CommittedStartOffsets.Instance)
            .To(Sink.ForEach<PartitionSource>(partition =>
            {
                var queue = _received.GetOrAdd((member, partition.Partition.Partition.Value), _ => new ConcurrentQueue<long>());
                var last = -1L;
                partition.Records
                    .RunForeach(record =>
                    {
                        queue.Enqueue(record.Offset.Value);
                        last = record.Offset.Value;
                        onRecord?.Invoke(record, holder.Control!);
                    }, materializer)
                    .ContinueWith(_ => onCompleted?.Invoke(partition.Partition, last, holder.Control!), TaskScheduler.Default);
            }))
            .Run(materializer);
        return holder.Control;
    }

    private int Count(string member, int partition) =>
        _received.TryGetValue((member, partition), out var queue) ? queue.Count : 0;

    private long[] Offsets(string member, int partition) =>
        _received.TryGetValue((member, partition), out var queue) ? queue.ToArray() : [];

    private static long[] Range(long from, long to) => Enumerable.Range((int)from, (int)(to - from)).Select(i => (long)i).ToArray();

    void IDisposable.Dispose()
    {
        Shutdown();
        _broker.Dispose();
    }

    private sealed class ControlHolder
    {
        public volatile IKafkaConsumerControl? Control;
    }
}

using Akka.Streams;
using Akka.Streams.Dsl;
using Confluent.Kafka;
using Streaming.Kafka.Consumer;
using Streaming.Kafka.Embedded;

namespace Streaming.Kafka.Tests.Consumer;

public sealed class CommitterTests : Akka.TestKit.Xunit2.TestKit, IDisposable
{
    private const string Topic = "commits";
    private readonly EmbeddedKafkaBroker _broker = EmbeddedKafkaBroker.Start();

    [Fact]
    public async Task Only_offsets_marked_durable_are_committed()
    {
        _broker.CreateTopic(Topic, partitions: 2);
        KafkaTestData.Produce(_broker.BootstrapServers, Topic, [0, 1], count: 100);
        var materializer = Sys.Materializer();
        var emitted = new int[2];
        IKafkaConsumerControl? control = null;

        // Every record of both partitions is emitted; only partition 0 up to offset 41 is marked.
        control = KafkaPartitionSource.Create(KafkaTestData.SourceSettings(_broker.BootstrapServers, "commits-group", Topic), CommittedStartOffsets.Instance)
            .To(Sink.ForEach<PartitionSource>(partition => partition.Records
                .Select(record =>
                {
                    Interlocked.Increment(ref emitted[record.Partition.Value]);
                    return record;
                })
                .Where(record => record.Partition.Value == 0 && record.Offset.Value == 41)
                .Select(record => new DurableOffset(record.TopicPartition, record.Offset.Value + 1))
                .RunWith(KafkaCommitter.Create(control!), materializer)))
            .Run(materializer);

        AwaitCondition(() => Volatile.Read(ref emitted[0]) == 100 && Volatile.Read(ref emitted[1]) == 100, TimeSpan.FromSeconds(20), KafkaTestData.PollInterval);
        AwaitAssert(() => Assert.Equal(42, control.Snapshot().Partitions[0].CommittedNextOffset), TimeSpan.FromSeconds(10), KafkaTestData.PollInterval);
        Assert.Equal([42, null], KafkaTestData.Committed(_broker.BootstrapServers, "commits-group", Topic, partitions: 2));
        Assert.Null(control.Snapshot().Partitions[1].DurableNextOffset);
        Assert.Null(control.Snapshot().LastCommit?.Error);

        await control.Stop().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal([42, null], KafkaTestData.Committed(_broker.BootstrapServers, "commits-group", Topic, partitions: 2));
    }

    [Fact]
    public async Task Marks_made_before_shutdown_are_committed_by_it()
    {
        _broker.CreateTopic(Topic, partitions: 1);
        KafkaTestData.Produce(_broker.BootstrapServers, Topic, [0], count: 10);
        var materializer = Sys.Materializer();
        // A commit interval longer than the test: only the shutdown commits.
        var settings = KafkaTestData.SourceSettings(_broker.BootstrapServers, "shutdown-commit", Topic) with { CommitInterval = TimeSpan.FromMinutes(10) };
        var received = 0;
        var control = KafkaPartitionSource.Create(settings, CommittedStartOffsets.Instance)
            .To(Sink.ForEach<PartitionSource>(p => p.Records.RunForeach(_ => Interlocked.Increment(ref received), materializer)))
            .Run(materializer);
        AwaitCondition(() => Volatile.Read(ref received) == 10, TimeSpan.FromSeconds(20), KafkaTestData.PollInterval);

        control.MarkDurable(new TopicPartition(Topic, 0), 7);
        control.MarkDurable(new TopicPartition(Topic, 0), 3);
        await control.DrainAndShutdown(TimeSpan.FromMilliseconds(100)).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal([7], KafkaTestData.Committed(_broker.BootstrapServers, "shutdown-commit", Topic, partitions: 1));
    }

    void IDisposable.Dispose()
    {
        Shutdown();
        _broker.Dispose();
    }
}

using Akka.Streams;
using Akka.Streams.Dsl;
using Confluent.Kafka;
using Streaming.Kafka.Consumer;
using Streaming.Kafka.Embedded;

namespace Streaming.Kafka.Tests.Consumer;

public sealed class PartitionSourceFailureTests : Akka.TestKit.Xunit2.TestKit, IDisposable
{
    private const string Topic = "failures";
    private readonly EmbeddedKafkaBroker _broker = EmbeddedKafkaBroker.Start();

    public PartitionSourceFailureTests() => _broker.CreateTopic(Topic, partitions: 1);

    [Fact]
    public async Task Cancelling_an_assigned_partitions_sub_stream_fails_the_source_and_commits_what_is_durable()
    {
        KafkaTestData.Produce(_broker.BootstrapServers, Topic, 0, count: 10);
        var materializer = Sys.Materializer();
        IKafkaConsumerControl? control = null;

        // The partition's pipeline marks offset 2 durable, then gives up after three records.
        var (mat, done) = KafkaPartitionSource.Create(KafkaTestData.SourceSettings(_broker.BootstrapServers, "cancel-group", Topic), CommittedStartOffsets.Instance)
            .ToMaterialized(Sink.ForEach<PartitionSource>(p => p.Records
                .Take(3)
                .RunForeach(r => control!.MarkDurable(r.TopicPartition, Math.Min(r.Offset.Value + 1, 2)), materializer)), Keep.Both)
            .Run(materializer);
        control = mat;

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => done.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.Contains("cancelled", failure.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<InvalidOperationException>(() => control.Completion.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(KafkaConsumerState.Failed, control.Snapshot().State);
        Assert.Equal([2], KafkaTestData.Committed(_broker.BootstrapServers, "cancel-group", Topic, partitions: 1));
    }

    [Fact]
    public async Task A_failing_start_offset_lookup_fails_the_source_without_emitting()
    {
        var emitted = 0;
        var done = KafkaPartitionSource.Create(KafkaTestData.SourceSettings(_broker.BootstrapServers, "lookup-group", Topic), new FailingStartOffsets())
            .RunForeach(_ => Interlocked.Increment(ref emitted), Sys.Materializer());

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => done.WaitAsync(TimeSpan.FromSeconds(20)));

        Assert.IsType<IOException>(failure.InnerException);
        Assert.Equal(0, emitted);
    }

    void IDisposable.Dispose()
    {
        Shutdown();
        _broker.Dispose();
    }

    private sealed class FailingStartOffsets : IPartitionStartOffsets
    {
        public long? GetStartOffset(TopicPartition partition) => throw new IOException("state store unavailable");
    }
}

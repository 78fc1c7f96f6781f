using Confluent.Kafka;
using Streaming.Kafka.Embedded;
using Xunit;

namespace Streaming.Chaos.Tests;

public sealed class BrokerFaultTests
{
    [Fact]
    public async Task Produce_fetch_and_commit_request_errors_are_retried_and_nothing_is_lost_or_applied_twice()
    {
        await using var bed = new ChaosTestBed(partitions: 6, brokers: 3);
        var workload = ChaosTestBed.Workload(events: 12_000, bad: 300, users: 200);
        await using var node = bed.StartNode();
        var producing = bed.Produce(workload, windowPerPartition: 500);

        // Bursts of retriable errors on every broker while the stream runs: the pipeline's output
        // producer, its consumer's fetches and offset commits (and the harness's own clients) get them.
        await bed.WaitDurable(workload.Records.Count / 5, node);
        for (var burst = 0; burst < 6; burst++)
        {
            bed.Broker.PushRequestErrors(KafkaApiKey.Produce, ErrorCode.NotLeaderForPartition, ErrorCode.RequestTimedOut, ErrorCode.NotEnoughReplicas);
            bed.Broker.PushRequestErrors(KafkaApiKey.Fetch, ErrorCode.NotLeaderForPartition, ErrorCode.UnknownTopicOrPart);
            bed.Broker.PushRequestErrors(KafkaApiKey.OffsetCommit, ErrorCode.RequestTimedOut, ErrorCode.NotCoordinatorForGroup);
            await Task.Delay(300);
        }

        var positions = await producing;
        await bed.WaitDurable(workload.Records.Count, node);
        Assert.False(node.Pipeline.Completion.IsCompleted, "the pipeline must ride out retriable broker errors");
        await node.DrainAsync();

        var verdict = await bed.Verify(workload, positions);
        Assert.True(verdict.StateEqual, $"{verdict.UsersEqual}/{verdict.Users} users equal the reference");
        Assert.Empty(verdict.Problems());
        // The idempotent producer retries without duplicating, and nothing crashed.
        Assert.Equal(0, verdict.Duplicates);
    }

    [Fact]
    public async Task A_broker_going_down_and_coming_back_stalls_its_partitions_and_loses_nothing()
    {
        await using var bed = new ChaosTestBed(partitions: 6, brokers: 3);
        var workload = ChaosTestBed.Workload(events: 12_000, bad: 300, users: 200);
        await using var node = bed.StartNode();
        var producing = bed.Produce(workload, windowPerPartition: 500);

        // Broker 2 leads some partitions (and perhaps the group's coordinator); it goes away for
        // less than the session timeout, then broker 3 does, while records keep arriving.
        await bed.WaitDurable(workload.Records.Count / 4, node);
        bed.Broker.SetBrokerDown(2);
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        bed.Broker.SetBrokerUp(2);
        await bed.WaitDurable(workload.Records.Count / 2, node);
        bed.Broker.SetBrokerDown(3);
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        bed.Broker.SetBrokerUp(3);

        var positions = await producing;
        await bed.WaitDurable(workload.Records.Count, node);
        Assert.False(node.Pipeline.Completion.IsCompleted, "the pipeline must ride out a broker restart");
        await node.DrainAsync();

        var verdict = await bed.Verify(workload, positions);
        Assert.True(verdict.StateEqual, $"{verdict.UsersEqual}/{verdict.Users} users equal the reference");
        Assert.Empty(verdict.Problems());
        Assert.Equal(0, verdict.Duplicates);
    }
}

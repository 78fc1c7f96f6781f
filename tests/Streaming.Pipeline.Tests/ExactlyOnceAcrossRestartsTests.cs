using Streaming.Core.Schemas;
using Streaming.State;
using Xunit;

namespace Streaming.Pipeline.Tests;

public sealed class ExactlyOnceAcrossRestartsTests
{
    [Fact]
    public async Task State_after_a_graceful_stop_and_a_crash_equals_the_uninterrupted_reference()
    {
        await using var bed = new PipelineTestBed(partitions: 4);
        var events = PipelineTestBed.Dataset(interactions: 12_000, users: 150);
        var first = events.Count * 4 / 10;
        var second = events.Count * 7 / 10;

        // Node 1 applies the first part, then drains while the second part is arriving.
        await using (var node1 = bed.StartNode())
        {
            await bed.Publish(events.Take(first));
            await bed.WaitCaughtUp(node1);
            var publishing = bed.Publish(events.Skip(first).Take(second - first));
            await node1.DrainAsync();
            await publishing;
        }

        // Node 2 makes progress, then its store starts failing, more records arrive and are applied
        // in memory only, and the node dies: the state it held past the last checkpoint is lost.
        var failing = new FaultInjectingStateStore(bed.Store);
        long remainingAtCrash;
        await using (var node2 = bed.StartNode(failing))
        {
            var before = bed.Remaining();
            await PipelineTestBed.WaitUntil(() => bed.Remaining() < before, TimeSpan.FromSeconds(30), "node 2 checkpoints something");
            failing.FailCommits();
            await bed.Publish(events.Skip(second));
            await PipelineTestBed.WaitUntil(() => node2.Pipeline.Metrics.StoreFailures > 0, TimeSpan.FromSeconds(30), "a checkpoint fails");
            await node2.AbortAsync();
            remainingAtCrash = bed.Remaining();
        }
        failing.ClearFaults();
        Assert.True(remainingAtCrash > 0, "the crash must leave records that are not durable yet");

        // Node 3 resumes from the durable offsets and finishes.
        await using (var node3 = bed.StartNode())
        {
            await bed.WaitCaughtUp(node3);
            await node3.DrainAsync();
        }

        bed.AssertStoreEquals(bed.ReferenceStates(events));

        // Every request has its answer; the only duplicates are re-productions after the crash.
        var requestIds = events.Where(e => e.IsRequest).Select(e => e.Request!.RequestId).ToHashSet();
        var codec = new EventCodec();
        var answered = TopicReader.ReadAll(bed.Broker.BootstrapServers, bed.Options.ScoredTopic, bed.Options.Partitions)
            .Select(r => codec.Decode(r.Message.Value, r.Message.Timestamp.UnixTimestampMs).ScoredRequest!.RequestId)
            .ToList();
        Assert.Subset(answered.ToHashSet(), requestIds);
        Assert.Superset(answered.ToHashSet(), requestIds);
        var duplicates = answered.Count - answered.Distinct().Count();
        Assert.InRange(duplicates, 0, bed.Options.MaxCheckpointRecords * bed.Options.Partitions);
    }
}

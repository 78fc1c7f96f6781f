using Xunit;

namespace Streaming.Pipeline.Tests;

public sealed class ConsumerGroupTakeoverTests
{
    [Fact]
    public async Task Two_nodes_split_the_partitions_and_the_survivor_takes_over_from_the_durable_offsets()
    {
        await using var bed = new PipelineTestBed(partitions: 6);
        var events = PipelineTestBed.Dataset(interactions: 8_000, users: 120, seed: 11);
        var half = events.Count / 2;

        await using var survivor = bed.StartNode();
        await using (var leaver = bed.StartNode())
        {
            await PipelineTestBed.WaitUntil(
                () => survivor.Pipeline.Control.Snapshot().Partitions.Count > 0 && leaver.Pipeline.Control.Snapshot().Partitions.Count > 0,
                TimeSpan.FromSeconds(30), "both nodes own partitions");
            Assert.Equal(bed.Options.Partitions,
                survivor.Pipeline.Control.Snapshot().Partitions.Count + leaver.Pipeline.Control.Snapshot().Partitions.Count);

            await bed.Publish(events.Take(half));
            await bed.WaitCaughtUp(survivor);
            Assert.True(leaver.Pipeline.Metrics.InteractionsApplied > 0, "the second node must have done part of the work");
            Assert.True(survivor.Pipeline.Metrics.InteractionsApplied > 0, "the first node must have done part of the work");
            await leaver.DrainAsync();
        }

        await bed.Publish(events.Skip(half));
        await PipelineTestBed.WaitUntil(
            () => survivor.Pipeline.Control.Snapshot().Partitions.Count == bed.Options.Partitions,
            TimeSpan.FromSeconds(30), "the survivor owns every partition");
        await bed.WaitCaughtUp(survivor);
        await survivor.DrainAsync();

        Assert.Equal(0, survivor.Pipeline.Metrics.Fenced);
        bed.AssertStoreEquals(bed.ReferenceStates(events));
    }
}

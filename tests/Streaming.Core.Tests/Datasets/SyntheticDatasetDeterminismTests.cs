using Streaming.Core.Datasets;

namespace Streaming.Core.Tests.Datasets;

public class SyntheticDatasetDeterminismTests
{
    [Fact]
    public void The_same_seed_yields_the_identical_event_sequence()
    {
        var first = SyntheticSample.Small.Events.Select(SyntheticSample.Describe).ToList();
        // A fresh dataset object and a second enumeration of one object must both repeat it.
        var again = new SyntheticDataset(SyntheticSample.SmallOptions with { });
        var second = again.Events().Select(SyntheticSample.Describe).ToList();
        var third = again.Events().Select(SyntheticSample.Describe).ToList();

        Assert.Equal(first, second);
        Assert.Equal(first, third);
    }

    [Fact]
    public void A_different_seed_yields_a_different_sequence()
    {
        var first = SyntheticSample.Small.Events.Select(SyntheticSample.Describe).ToList();
        var other = new SyntheticDataset(SyntheticSample.SmallOptions with { Seed = 8 })
            .Events().Select(SyntheticSample.Describe).ToList();

        var same = first.Zip(other).Count(p => p.First == p.Second);
        Assert.True(same < first.Count / 100, $"{same} of {first.Count} events coincide");
    }

    [Fact]
    public void A_larger_target_extends_the_same_sequence()
    {
        // Users retire only once the target is reached, so a smaller target is a prefix up to its end.
        var small = new SyntheticDataset(SyntheticSample.SmallOptions with { Interactions = 5_000 })
            .Events().Select(SyntheticSample.Describe).Take(4_000).ToList();
        var full = SyntheticSample.Small.Events.Take(4_000).Select(SyntheticSample.Describe).ToList();

        Assert.Equal(full, small);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(20_000)]
    public void Exactly_the_target_number_of_interactions_is_produced(long target)
    {
        var events = target == SyntheticSample.SmallOptions.Interactions
            ? SyntheticSample.Small.Events
            : new SyntheticDataset(SyntheticSample.SmallOptions with { Interactions = target }).Events().ToList();

        Assert.Equal(target, events.Count(e => e.IsInteraction));
    }
}

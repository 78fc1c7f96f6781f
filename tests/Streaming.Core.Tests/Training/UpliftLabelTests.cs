using Streaming.Core.Features;
using Streaming.Core.Training;
using static Streaming.Core.Tests.Training.LogRecords;

namespace Streaming.Core.Tests.Training;

public sealed class UpliftLabelTests
{
    private static TrainingSetBuilder Builder(params Streaming.Core.Events.Interaction[] outcomes)
    {
        var builder = new TrainingSetBuilder(FeatureOptions.Default);
        builder.Add(Request("r", 1, T0, treatment: 2));
        foreach (var outcome in outcomes)
        {
            builder.Add(outcome);
        }
        builder.Add(Closer());
        return builder;
    }

    [Fact]
    public void Tagged_plays_give_the_long_play_ratio()
    {
        var row = Assert.Single(Builder(
            Outcome("a", 1, 10, T0 + Minute, "r", durationMs: 10_000, playTimeMs: 10_000),
            Outcome("b", 1, 11, T0 + (2 * Minute), "r", durationMs: 10_000, playTimeMs: 9_999),
            Outcome("c", 1, 12, T0 + (3 * Minute), "r", durationMs: 8_000, playTimeMs: 20_000),
            Outcome("d", 1, 13, T0 + (4 * Minute), "r", durationMs: 0, playTimeMs: 20_000),
            // Another request's plays do not count while this one has its own.
            Outcome("x", 1, 14, T0 + (5 * Minute), "other", durationMs: 1_000, playTimeMs: 1_000)).Build().Uplift);
        Assert.True(row.Tagged);
        Assert.Equal(4, row.Plays);
        Assert.Equal(0.5f, row.LongPlayRatio);
        Assert.Equal(2, row.Treatment);
    }

    [Fact]
    public void Without_tagged_plays_the_next_ten_plays_of_the_user_within_the_window_label_it()
    {
        var outcomes = new List<Streaming.Core.Events.Interaction>
        {
            Outcome("before", 1, 1, T0 - 1, durationMs: 1_000, playTimeMs: 1_000),
            Outcome("other-user", 2, 1, T0 + Minute, durationMs: 1_000, playTimeMs: 1_000),
        };
        // Twelve plays in the window: the first three long; only the first ten count.
        for (var i = 0; i < 12; i++)
        {
            var longPlay = i < 3 || i >= 10;
            outcomes.Add(Outcome($"p{i}", 1, 100 + i, T0 + ((i + 1) * Minute), "other", durationMs: 1_000, playTimeMs: longPlay ? 1_000 : 10));
        }
        var row = Assert.Single(Builder([.. outcomes]).Build().Uplift);
        Assert.False(row.Tagged);
        Assert.Equal(10, row.Plays);
        Assert.Equal(0.3f, row.LongPlayRatio);
    }

    [Fact]
    public void The_fallback_stops_at_the_window_end()
    {
        var row = Assert.Single(Builder(
            Outcome("in", 1, 1, T0 + (30 * Minute), durationMs: 1_000, playTimeMs: 1_000),
            Outcome("out", 1, 2, T0 + (30 * Minute) + 1, durationMs: 1_000, playTimeMs: 0)).Build().Uplift);
        Assert.Equal(1, row.Plays);
        Assert.Equal(1f, row.LongPlayRatio);
    }

    [Fact]
    public void Tagged_plays_outside_the_window_do_not_count()
    {
        var row = Assert.Single(Builder(
            Outcome("late", 1, 1, T0 + (31 * Minute), "r", durationMs: 1_000, playTimeMs: 0),
            Outcome("untagged", 1, 2, T0 + Minute, durationMs: 1_000, playTimeMs: 1_000)).Build().Uplift);
        Assert.False(row.Tagged);
        Assert.Equal(1f, row.LongPlayRatio);
    }

    [Fact]
    public void A_request_without_any_play_is_dropped()
    {
        var set = Builder(Outcome("late", 1, 1, T0 + (31 * Minute), durationMs: 1_000, playTimeMs: 1_000)).Build();
        Assert.Empty(set.Uplift);
        Assert.Equal(1, set.Counts.UpliftWithoutPlays);
    }

    [Fact]
    public void The_cdum_label_options_set_the_fallback()
    {
        var builder = new TrainingSetBuilder(FeatureOptions.Default with { CdumLabelPlays = 2, CdumLabelMinutes = 5 });
        builder.Add(Request("r", 1, T0));
        builder.Add(Outcome("a", 1, 1, T0 + Minute, durationMs: 1_000, playTimeMs: 0));
        builder.Add(Outcome("b", 1, 2, T0 + (2 * Minute), durationMs: 1_000, playTimeMs: 1_000));
        builder.Add(Outcome("c", 1, 3, T0 + (3 * Minute), durationMs: 1_000, playTimeMs: 1_000));
        builder.Add(Closer());
        var row = Assert.Single(builder.Build().Uplift);
        Assert.Equal(2, row.Plays);
        Assert.Equal(0.5f, row.LongPlayRatio);
    }
}

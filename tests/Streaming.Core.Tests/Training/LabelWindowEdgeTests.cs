using Streaming.Core.Features;
using Streaming.Core.Training;
using static Streaming.Core.Tests.Training.LogRecords;

namespace Streaming.Core.Tests.Training;

public sealed class LabelWindowEdgeTests
{
    private static LabeledFatigueRow Label(long exposureOffsetMs, bool click = true)
    {
        var builder = new TrainingSetBuilder(FeatureOptions.Default);
        builder.Add(Candidate("r", 1, T0, 7));
        builder.Add(Outcome("e", 1, 7, T0 + exposureOffsetMs, "r", click: click));
        builder.Add(Closer());
        return Assert.Single(builder.Build().Fatigue);
    }

    [Fact]
    public void An_exposure_exactly_at_the_window_end_is_in()
    {
        var row = Label(30 * Minute);
        Assert.True(row.Exposed);
        Assert.True(row.Engaged);
    }

    [Fact]
    public void An_exposure_one_millisecond_after_the_window_is_a_negative()
    {
        var row = Label((30 * Minute) + 1);
        Assert.False(row.Exposed);
        Assert.False(row.Engaged);
        Assert.Null(row.PlayTimeMs);
    }

    [Fact]
    public void An_exposure_at_the_request_time_is_in() => Assert.True(Label(0).Engaged);

    [Fact]
    public void An_exposure_before_the_request_is_not_its_outcome() => Assert.False(Label(-1).Exposed);

    [Fact]
    public void An_exposure_without_engagement_is_exposed_but_negative()
    {
        var row = Label(5 * Minute, click: false);
        Assert.True(row.Exposed);
        Assert.False(row.Engaged);
        Assert.Equal(5_000, row.PlayTimeMs);
    }

    [Fact]
    public void The_label_minutes_option_sets_the_window()
    {
        var builder = new TrainingSetBuilder(FeatureOptions.Default with { TrainingLabelMinutes = 5 });
        builder.Add(Candidate("r", 1, T0, 7));
        builder.Add(Candidate("r", 1, T0, 8));
        builder.Add(Outcome("a", 1, 7, T0 + (5 * Minute), "r", click: true));
        builder.Add(Outcome("b", 1, 8, T0 + (5 * Minute) + 1, "r", click: true));
        builder.Add(Closer());
        var rows = builder.Build().Fatigue;
        Assert.True(rows.Single(r => r.ItemId == 7).Engaged);
        Assert.False(rows.Single(r => r.ItemId == 8).Engaged);
    }

    [Fact]
    public void A_window_ending_at_the_cutoff_is_still_open_and_left_out()
    {
        var builder = new TrainingSetBuilder(FeatureOptions.Default);
        builder.Add(Candidate("r", 1, T0, 7));
        builder.Add(Outcome("last", 2, 1, T0 + (30 * Minute)));
        var set = builder.Build();
        Assert.Empty(set.Fatigue);
        Assert.Equal(1, set.Counts.FatiguePending);
        Assert.Equal(T0 + (30 * Minute), set.Counts.CutoffMs);

        // One millisecond later the window has closed: the candidate is a negative, not pending.
        builder.Add(Outcome("later", 2, 1, T0 + (30 * Minute) + 1));
        var closed = builder.Build();
        Assert.False(Assert.Single(closed.Fatigue).Engaged);
        Assert.Equal(0, closed.Counts.FatiguePending);
    }

    [Fact]
    public void An_explicit_cutoff_overrides_the_newest_outcome()
    {
        var builder = new TrainingSetBuilder(FeatureOptions.Default);
        builder.Add(Candidate("r", 1, T0, 7));
        builder.Add(Closer());
        Assert.Empty(builder.Build(cutoffMs: T0 + (30 * Minute)).Fatigue);
        Assert.Single(builder.Build(cutoffMs: T0 + (30 * Minute) + 1).Fatigue);
    }

    [Fact]
    public void Without_outcomes_nothing_is_labeled()
    {
        var builder = new TrainingSetBuilder(FeatureOptions.Default);
        builder.Add(Candidate("r", 1, T0, 7));
        var set = builder.Build();
        Assert.Empty(set.Fatigue);
        Assert.Null(set.Counts.CutoffMs);
        Assert.Equal(1, set.Counts.FatiguePending);
    }

    [Fact]
    public void The_earliest_exposure_in_the_window_is_the_outcome()
    {
        var builder = new TrainingSetBuilder(FeatureOptions.Default);
        builder.Add(Candidate("r", 1, T0, 7));
        builder.Add(Outcome("second", 1, 7, T0 + (2 * Minute), "r", click: true));
        builder.Add(Outcome("first", 1, 7, T0 + Minute, "r", click: false, playTimeMs: 1_234));
        builder.Add(Closer());
        var row = Assert.Single(builder.Build().Fatigue);
        Assert.False(row.Engaged);
        Assert.Equal(1_234, row.PlayTimeMs);
    }
}

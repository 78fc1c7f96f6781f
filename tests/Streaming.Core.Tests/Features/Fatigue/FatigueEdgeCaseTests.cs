using Streaming.Core.Events;
using Streaming.Core.Features;
using Streaming.Core.Features.Fatigue;
using Streaming.Core.Features.Vectors;
using Streaming.Core.Tests.Features.Reference;
using static Streaming.Core.Tests.Features.Reference.ReferenceMath;
using static Streaming.Core.Tests.Features.Reference.TestEvents;

namespace Streaming.Core.Tests.Features.Fatigue;

public sealed class FatigueEdgeCaseTests
{
    private static readonly FeatureOptions s_options = FeatureOptions.Default;
    private static readonly HashItemVectors s_vectors = new(32);

    [Fact]
    public void A_user_without_interactions_has_every_feature_undefined_and_zero_counts()
    {
        var (_, features) = Run([], T0, 5);
        Assert.All(features.S.ToArray(), v => Assert.True(float.IsNaN(v)));
        Assert.All(features.Sim.ToArray(), v => Assert.True(float.IsNaN(v)));
        Assert.All(features.SimMask.ToArray(), v => Assert.Equal(0f, v));
        Assert.All(features.MMask.ToArray(), v => Assert.Equal(0f, v));
        Assert.Equal([0, 0, 0], features.NAll.ToArray());
        Assert.True(double.IsNaN(features.SinceLastS));
        Assert.True(double.IsNaN(features.DaysSinceFirst));
    }

    [Fact]
    public void A_user_with_one_event_has_only_the_newest_position_of_R()
    {
        var (state, features) = Run([At(T0, 5, category: 2)], T0 + 90_000, 5, category: 2);
        const int t = 6;
        Assert.Equal(1, state.RecentLength);
        Assert.Equal(1, state.InterestsSeeded);
        for (var i = 0; i < t; i++)
        {
            for (var j = 0; j < t; j++)
            {
                var value = features.S[(i * t) + j];
                if (i == t - 1 && j == t - 1)
                {
                    Assert.Equal(1.0, value, 1e-6);
                }
                else
                {
                    Assert.True(float.IsNaN(value), $"S[{i}][{j}]");
                }
            }
        }
        Assert.Equal([0f, 0f, 0f, 0f, 0f, 1f], features.SimMask.ToArray());
        Assert.Equal(1.0, features.Sim[t - 1], 1e-6);
        // Only interest 0 exists and the candidate is its seed: M = 1 there, undefined elsewhere.
        Assert.Equal(1.0, features.M[((t - 1) * 6) + 0], 1e-6);
        Assert.Equal([1f, 0f, 0f, 0f, 0f, 0f], features.MMask.Slice((t - 1) * 6, 6).ToArray());
        Assert.All(features.GapS.ToArray(), g => Assert.True(double.IsNaN(g)));
        Assert.Equal(90.0, features.SinceLastS);
        Assert.Equal(90_000 / (double)DayMs, features.DaysSinceFirst, 1e-15);
        Assert.Equal([1, 1, 1], features.NAll.ToArray());
        Assert.Equal([1, 1, 1], features.NSameItem.ToArray());
        Assert.Equal([1, 1, 1], features.NSameCategory.ToArray());
        Assert.Equal([1, 1, 1], features.NSimilar.ToArray());
    }

    [Fact]
    public void The_same_item_repeated_many_times_stays_one_interest_and_counts_per_window()
    {
        var events = Enumerable.Range(0, 500).Select(i => At(T0 + (i * MinuteMs), 9)).ToList();
        var t = events[^1].TsMs;
        var (state, features) = Run(events, t, 9);
        Assert.Equal(1, state.InterestsSeeded);
        Assert.Equal(100, state.HistoryLength);
        Assert.Equal(events[400].TsMs, state.HistoryAt(0).TsMs);
        Assert.Equal(events[^1].TsMs, state.HistoryAt(99).TsMs);
        // 1-minute steps ending at t: (t - 1 h, t] holds 60 of them, (t - 3 h, t] 180, the day all 500.
        Assert.Equal([60, 180, 500], features.NAll.ToArray());
        Assert.Equal([60, 180, 500], features.NSameItem.ToArray());
        Assert.Equal([60, 180, 500], features.NSimilar.ToArray());
        Assert.Equal([0, 0, 0], features.NSameCategory.ToArray());
        Assert.All(features.S.ToArray(), v => Assert.Equal(1.0, v, 1e-5));
        Assert.All(features.GapS.ToArray(), g => Assert.Equal(60.0, g));
        Assert.All(features.M.Slice(0, 1).ToArray(), v => Assert.Equal(1.0, v, 1e-5));
    }

    [Theory]
    [InlineData(0, new[] { 1, 1, 1 })]
    [InlineData(HourMs - 1, new[] { 1, 1, 1 })]
    [InlineData(HourMs, new[] { 0, 1, 1 })]
    [InlineData((3 * HourMs) - 1, new[] { 0, 1, 1 })]
    [InlineData(3 * HourMs, new[] { 0, 0, 1 })]
    [InlineData(DayMs - 1, new[] { 0, 0, 1 })]
    [InlineData(DayMs, new[] { 0, 0, 0 })]
    [InlineData(-1, new[] { 0, 0, 0 })]
    public void Windows_slide_exactly_at_their_edges(long afterMs, int[] expected)
    {
        var (_, features) = Run([At(T0, 5)], T0 + afterMs, 6);
        Assert.Equal(expected, features.NAll.ToArray());
    }

    [Fact]
    public void A_late_event_counts_where_its_event_time_falls()
    {
        var events = new List<Interaction> { At(T0, 1), At(T0 - (50 * MinuteMs), 2) };
        var (state, at5) = Run(events, T0 + (5 * MinuteMs), 2);
        Assert.Equal([2, 2, 2], at5.NAll.ToArray());
        Assert.Equal([1, 1, 1], at5.NSameItem.ToArray());
        var (_, at11) = Run(events, T0 + (11 * MinuteMs), 2);
        Assert.Equal([1, 2, 2], at11.NAll.ToArray());
        // Applied in Kafka order: R ends with the late item, so the gap is negative.
        Assert.Equal(-50 * 60.0, at11.GapS[^1]);
        Assert.Equal(T0 - (50 * MinuteMs), state.FirstTsMs);
        Assert.Equal(T0, state.LatestTsMs);
        Assert.Equal(5 * 60.0, at5.SinceLastS);
    }

    [Fact]
    public void An_event_older_than_the_day_window_when_it_arrives_is_kept_in_R_but_not_counted()
    {
        var events = new List<Interaction> { At(T0, 1), At(T0 - DayMs, 2) };
        var (state, features) = Run(events, T0 - DayMs, 2);
        Assert.Equal(2, state.RecentLength);
        Assert.Equal(1, state.DayEventCount);
        // Scoring before the watermark is outside the exact range: the dropped event is missing.
        Assert.Equal([0, 0, 0], features.NAll.ToArray());
    }

    [Fact]
    public void The_day_window_keeps_the_newest_events_up_to_its_bound()
    {
        var options = s_options with { FatigueMaxDayEvents = 3 };
        var events = Enumerable.Range(0, 5).Select(i => At(T0 + (i * MinuteMs), i)).ToList();
        events.Add(At(T0 - MinuteMs, 99)); // late and older than everything held: dropped at once
        var (state, features) = Run(events, T0 + HourMs - 1, 0, options: options);
        Assert.Equal(3, state.DayEventCount);
        Assert.Equal([3, 3, 3], features.NAll.ToArray());
        Assert.Equal([0, 0, 0], features.NSameItem.ToArray()); // item 0 was the oldest, it left first
    }

    [Fact]
    public void Only_items_unlike_every_seed_seed_interests_until_K_exist()
    {
        var options = s_options with { FatigueInterests = 3 };
        var events = new[] { 1L, 1, 2, 1, 2, 3, 4, 5 }.Select((item, i) => At(T0 + (i * MinuteMs), item)).ToList();
        var states = new List<int>();
        var engine = new FatigueEngine(options);
        var state = new FatigueState(options);
        foreach (var e in events)
        {
            engine.Apply(state, e, VectorOf(s_vectors, e.ItemId));
            states.Add(state.InterestsSeeded);
        }
        Assert.Equal([1, 1, 2, 2, 2, 3, 3, 3], states);
    }

    [Fact]
    public void Ties_for_the_nearest_interest_move_the_lowest_index()
    {
        // Items 1 and 2 share one vector, so interests 0 and 1 are equal and every item ties.
        var vectors = new FixedItemVectors(4, new()
        {
            [1] = [1, 0, 0, 0],
            [2] = [1, 0, 0, 0],
            [3] = [0, 0, 1, 0],
            [4] = [1, 1, 0, 0],
        });
        var options = s_options with { EmbeddingDim = 4, FatigueInterests = 3, FatigueRecent = 2, FatigueInterestRate = 0.5 };
        var events = new[] { 1L, 2, 3, 4 }.Select((item, i) => At(T0 + (i * MinuteMs), item)).ToList();
        var engine = new FatigueEngine(options);
        var state = new FatigueState(options);
        foreach (var e in events)
        {
            engine.Apply(state, e, VectorOf(vectors, e.ItemId));
        }
        var features = new FatigueFeatures(options);
        engine.Compute(state, events[^1].TsMs, 1, -1, VectorOf(vectors, 1), features);
        var expected = ReferenceFatigue.Compute(events, vectors, options, events[^1].TsMs, 1, -1);
        FatigueMatchesBruteForceTests.Compare(expected, features, "ties");
        // Interest 0 moved towards item 4, interest 1 did not: their columns of M now differ.
        Assert.NotEqual(features.M[3], features.M[4]);
    }

    private static (FatigueState State, FatigueFeatures Features) Run(IReadOnlyList<Interaction> events, long t, long candidate, int category = -1, FeatureOptions? options = null)
    {
        options ??= s_options;
        var engine = new FatigueEngine(options);
        var state = new FatigueState(options);
        foreach (var e in events)
        {
            engine.Apply(state, e, VectorOf(s_vectors, e.ItemId));
        }
        var features = new FatigueFeatures(options);
        engine.Compute(state, t, candidate, category, VectorOf(s_vectors, candidate), features);
        return (state, features);
    }
}

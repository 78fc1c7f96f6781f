using Streaming.Core.Events;
using Streaming.Core.Features;
using Streaming.Core.Features.Context;
using static Streaming.Core.Tests.Features.Reference.ReferenceMath;
using static Streaming.Core.Tests.Features.Reference.TestEvents;

namespace Streaming.Core.Tests.Features.Context;

public sealed class ContextEdgeCaseTests
{
    private static readonly FeatureOptions s_options = FeatureOptions.Default;

    [Theory]
    [InlineData(0, -1)]
    [InlineData(1, 0)]
    [InlineData(6_999, 0)]
    [InlineData(7_000, 1)]
    [InlineData(14_999, 1)]
    [InlineData(15_000, 2)]
    [InlineData(30_000, 3)]
    [InlineData(60_000, 4)]
    [InlineData(179_999, 4)]
    [InlineData(180_000, 5)]
    [InlineData(3_600_000, 5)]
    public void An_edge_value_belongs_to_the_upper_bucket(int durationMs, int bucket)
    {
        Assert.Equal(bucket, new DurationBuckets(s_options.CdumBucketEdgesS).BucketOf(durationMs));
    }

    [Fact]
    public void Duration_zero_is_left_out_of_the_bucket_features_but_counts_in_the_session()
    {
        var events = Enumerable.Range(0, 4).Select(i => At(T0 + (i * MinuteMs), i, durationMs: 0, playTimeMs: 2_000)).ToList();
        var features = Run(events, T0 + (3 * MinuteMs));
        foreach (var window in new[] { features.RecentPlays.ToArray(), features.RecentMinutes.ToArray() })
        {
            Assert.All(window, b =>
            {
                Assert.Equal(0, b.Plays);
                Assert.Equal(0.0, b.WatchS);
                Assert.True(double.IsNaN(b.Share) && double.IsNaN(b.Completion) && double.IsNaN(b.LongViewRate) && double.IsNaN(b.SkipRate) && double.IsNaN(b.EngageRate));
            });
        }
        Assert.All(features.LongTerm.ToArray(), b => Assert.Equal(0, b.Plays));
        Assert.Equal(new SessionFeatures(4, 8.0, 180.0), features.Session);
    }

    [Fact]
    public void Rates_are_computed_per_bucket_over_the_window()
    {
        var events = new List<Interaction>
        {
            At(T0, 1, durationMs: 10_000, playTimeMs: 2_000, click: true),
            At(T0 + 1_000, 2, durationMs: 10_000, playTimeMs: 20_000, longView: true),
            At(T0 + 2_000, 3, durationMs: 100_000, playTimeMs: 50_000),
        };
        var features = Run(events, T0 + 2_000);
        var b1 = features.RecentPlays[1];
        Assert.Equal(2, b1.Plays);
        Assert.Equal(2 / 3.0, b1.Share, 1e-15);
        Assert.Equal(22.0, b1.WatchS);
        Assert.Equal((0.2 + 1.0) / 2, b1.Completion, 1e-15); // completion is capped at 1
        Assert.Equal(0.5, b1.LongViewRate);
        Assert.Equal(0.5, b1.SkipRate);
        Assert.Equal(0.5, b1.EngageRate);
        Assert.Equal(0.5, features.RecentPlays[4].Completion, 1e-15);
        Assert.Equal(features.RecentPlays.ToArray(), features.RecentMinutes.ToArray());
    }

    [Theory]
    [InlineData(0, 2)]
    [InlineData(30 * MinuteMs, 2)]
    [InlineData((30 * MinuteMs) + 1, 0)]
    public void The_session_is_new_more_than_the_gap_after_the_last_interaction(long afterMs, int plays)
    {
        var events = new List<Interaction> { At(T0, 1), At(T0 + (30 * MinuteMs), 2) };
        var features = Run(events, T0 + (30 * MinuteMs) + afterMs);
        Assert.Equal(plays, features.Session.Plays);
        Assert.Equal(plays == 0 ? 0.0 : ((30 * MinuteMs) + afterMs) / 1000.0, features.Session.AgeS);
    }

    [Fact]
    public void A_gap_over_the_session_gap_starts_a_new_session()
    {
        var events = new List<Interaction> { At(T0, 1), At(T0 + (30 * MinuteMs) + 1, 2, playTimeMs: 4_000) };
        var features = Run(events, T0 + (31 * MinuteMs));
        Assert.Equal(new SessionFeatures(1, 4.0, (MinuteMs - 1) / 1000.0), features.Session);
    }

    [Theory]
    [InlineData(DayMs - 1, 1)]
    [InlineData((30 * DayMs) - 1, 1)]
    [InlineData(30 * DayMs, 0)]
    public void The_long_term_window_slides_at_UTC_midnight(long tFromDayStartMs, int plays)
    {
        // One play in the last millisecond of day D counts through day D + 29 and not on day D + 30.
        var dayStart = DayOf(T0) * DayMs;
        var features = Run([At(dayStart + DayMs - 1, 1)], dayStart + tFromDayStartMs);
        Assert.Equal(plays, features.LongTerm[2].Plays);
    }

    [Fact]
    public void The_thirty_minute_window_slides_exactly()
    {
        var events = new List<Interaction> { At(T0, 1) };
        Assert.Equal(1, Run(events, T0 + (30 * MinuteMs) - 1).RecentMinutes[2].Plays);
        Assert.Equal(0, Run(events, T0 + (30 * MinuteMs)).RecentMinutes[2].Plays);
        Assert.Equal(1, Run(events, T0 + (30 * MinuteMs)).RecentPlays[2].Plays);
    }

    [Fact]
    public void The_request_side_has_the_candidates_bucket_shares_and_mean_duration()
    {
        var engine = new ContextEngine(s_options);
        var features = new ContextFeatures(s_options);
        engine.ComputeRequest([new(1, -1, -1, 5_000), new(2, -1, -1, 7_000), new(3, -1, -1, 0), new(4, -1, -1, 200_000)], features);
        Assert.Equal([1 / 3.0, 1 / 3.0, 0, 0, 0, 1 / 3.0], features.RequestShare.ToArray());
        Assert.Equal(212.0 / 3, features.RequestMeanDurationS, 1e-12);

        engine.ComputeRequest([new(3, -1, -1, 0)], features);
        Assert.All(features.RequestShare.ToArray(), s => Assert.True(double.IsNaN(s)));
        Assert.True(double.IsNaN(features.RequestMeanDurationS));
    }

    private static ContextFeatures Run(IReadOnlyList<Interaction> events, long t)
    {
        var engine = new ContextEngine(s_options);
        var state = new ContextState(s_options);
        foreach (var e in events)
        {
            engine.Apply(state, e);
        }
        var features = new ContextFeatures(s_options);
        engine.Compute(state, t, features);
        return features;
    }
}

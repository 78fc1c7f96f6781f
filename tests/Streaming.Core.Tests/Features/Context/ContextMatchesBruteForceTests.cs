using Streaming.Core.Features;
using Streaming.Core.Features.Context;
using Streaming.Core.Tests.Features.Fatigue;
using Streaming.Core.Tests.Features.Reference;

namespace Streaming.Core.Tests.Features.Context;

public sealed class ContextMatchesBruteForceTests
{
    private const double Tolerance = 1e-9;

    [Fact]
    public void Features_equal_a_brute_force_recomputation_after_every_event_with_spec_defaults() =>
        CheckAfterEveryEvent(FeatureOptions.Default, samples: 80, seed: 21);

    [Fact]
    public void Features_equal_a_brute_force_recomputation_after_every_event_with_tight_bounds() =>
        CheckAfterEveryEvent(
            new FeatureOptions { CdumRecentPlays = 3, FatigueMaxDayEvents = 3, CdumLongTermDays = 3, CdumBucketEdgesS = [7, 60] },
            samples: 100,
            seed: 22);

    private static void CheckAfterEveryEvent(FeatureOptions options, int samples, ulong seed)
    {
        var engine = new ContextEngine(options);
        var features = new ContextFeatures(options);
        EventSequences.ForEachSample(EventSequences.Sequence(40), samples, seed, events =>
        {
            var state = new ContextState(options);
            for (var i = 0; i < events.Count; i++)
            {
                engine.Apply(state, events[i]);
                var applied = events.Take(i + 1).ToList();
                foreach (var t in EventSequences.ProbeTimes(events, i, options.FatigueWindowsMs))
                {
                    engine.Compute(state, t, features);
                    var expected = ReferenceContext.Compute(applied, options, t);
                    Compare(expected, features, $"after event {i} of [{FatigueMatchesBruteForceTests.Describe(events)}], t={t}");
                }
            }
        });
    }

    internal static void Compare(ExpectedContext expected, ContextFeatures actual, string where)
    {
        CompareBuckets(expected.Recent, actual.RecentPlays, "ctx_recent " + where);
        CompareBuckets(expected.Last30Min, actual.RecentMinutes, "ctx_30min " + where);
        Expect.Equal(expected.SessionPlays, actual.Session.Plays, "session plays " + where);
        Expect.Close(expected.SessionWatchS, actual.Session.WatchS, 0, "session watch_s " + where);
        Expect.Close(expected.SessionAgeS, actual.Session.AgeS, 0, "session age_s " + where);
        for (var b = 0; b < expected.LongTerm.Length; b++)
        {
            var e = expected.LongTerm[b];
            var a = actual.LongTerm[b];
            Expect.Equal(e.Plays, a.Plays, $"long_term[{b}] plays {where}");
            Expect.Close(e.Completion, a.Completion, Tolerance, $"long_term[{b}] completion {where}");
            Expect.Close(e.LongViewRate, a.LongViewRate, Tolerance, $"long_term[{b}] long_view_rate {where}");
        }
    }

    private static void CompareBuckets(ExpectedBucket[] expected, ReadOnlySpan<BucketStats> actual, string where)
    {
        Expect.Equal(expected.Length, actual.Length, "buckets " + where);
        for (var b = 0; b < expected.Length; b++)
        {
            var e = expected[b];
            var a = actual[b];
            Expect.Equal(e.Plays, a.Plays, $"[{b}].plays {where}");
            Expect.Close(e.Share, a.Share, Tolerance, $"[{b}].share {where}");
            Expect.Close(e.WatchS, a.WatchS, Tolerance, $"[{b}].watch_s {where}");
            Expect.Close(e.Completion, a.Completion, Tolerance, $"[{b}].completion {where}");
            Expect.Close(e.LongViewRate, a.LongViewRate, Tolerance, $"[{b}].long_view_rate {where}");
            Expect.Close(e.SkipRate, a.SkipRate, Tolerance, $"[{b}].skip_rate {where}");
            Expect.Close(e.EngageRate, a.EngageRate, Tolerance, $"[{b}].engage_rate {where}");
        }
    }
}

using Streaming.Core.Events;
using Streaming.Core.Features;
using static Streaming.Core.Tests.Features.Reference.ReferenceMath;

namespace Streaming.Core.Tests.Features.Reference;

internal sealed record ExpectedBucket(int Plays, double Share, double WatchS, double Completion, double LongViewRate, double SkipRate, double EngageRate);

internal sealed record ExpectedLongTerm(int Plays, double Completion, double LongViewRate);

internal sealed record ExpectedContext(ExpectedBucket[] Recent, ExpectedBucket[] Last30Min, int SessionPlays, double SessionWatchS, double SessionAgeS, ExpectedLongTerm[] LongTerm);

/// <summary>
/// Brute-force context features of SPEC §5 from the full event list, for scoring times at or
/// after the latest event time (where the engine is documented to be exact).
/// </summary>
internal static class ReferenceContext
{
    public static int Bucket(int durationMs, IReadOnlyList<double> edgesS)
    {
        if (durationMs <= 0)
        {
            return -1;
        }
        var bucket = 0;
        foreach (var edge in edgesS)
        {
            if (durationMs >= edge * 1000)
            {
                bucket++;
            }
        }
        return bucket;
    }

    public static ExpectedContext Compute(IReadOnlyList<Interaction> events, FeatureOptions options, long t)
    {
        var edges = options.CdumBucketEdgesS;
        var recent = events.Skip(Math.Max(0, events.Count - options.CdumRecentPlays)).ToList();

        var minutesMs = options.CdumRecentMinutes * MinuteMs;
        var last30 = new List<Interaction>();
        if (events.Count > 0)
        {
            var latest = events.Max(e => e.TsMs);
            last30 = events
                .Select((e, order) => (e, order))
                .Where(x => x.e.DurationMs > 0 && x.e.TsMs > latest - minutesMs)
                .OrderBy(x => x.e.TsMs).ThenBy(x => x.order)
                .TakeLast(options.FatigueMaxDayEvents)
                .Select(x => x.e)
                .Where(e => e.TsMs > t - minutesMs && e.TsMs <= t)
                .ToList();
        }

        // Session: the last event (in the order applied) that came more than the gap after every earlier one starts it.
        var gapMs = options.CdumSessionGapMinutes * MinuteMs;
        int sessionPlays = 0;
        double watchS = 0, ageS = 0;
        if (events.Count > 0 && t - events.Max(e => e.TsMs) <= gapMs)
        {
            var start = 0;
            for (var i = 1; i < events.Count; i++)
            {
                var latestBefore = events.Take(i).Max(e => e.TsMs);
                if (events[i].TsMs - latestBefore > gapMs)
                {
                    start = i;
                }
            }
            sessionPlays = events.Count - start;
            watchS = events.Skip(start).Sum(e => (long)e.PlayTimeMs) / 1000.0;
            ageS = (t - events[start].TsMs) / 1000.0;
        }

        var today = DayOf(t);
        var longTerm = new ExpectedLongTerm[options.BucketCount];
        for (var b = 0; b < options.BucketCount; b++)
        {
            var plays = events.Where(e => Bucket(e.DurationMs, edges) == b && DayOf(e.TsMs) > today - options.CdumLongTermDays && DayOf(e.TsMs) <= today).ToList();
            longTerm[b] = new ExpectedLongTerm(
                plays.Count,
                plays.Count > 0 ? plays.Average(Completion) : double.NaN,
                plays.Count > 0 ? plays.Count(e => e.LongView) / (double)plays.Count : double.NaN);
        }

        return new ExpectedContext(Stats(recent, options), Stats(last30, options), sessionPlays, watchS, ageS, longTerm);
    }

    private static double Completion(Interaction e) => Math.Min((double)e.PlayTimeMs / e.DurationMs, 1.0);

    private static ExpectedBucket[] Stats(List<Interaction> window, FeatureOptions options)
    {
        var known = window.Where(e => e.DurationMs > 0).ToList();
        var result = new ExpectedBucket[options.BucketCount];
        for (var b = 0; b < options.BucketCount; b++)
        {
            var plays = known.Where(e => Bucket(e.DurationMs, options.CdumBucketEdgesS) == b).ToList();
            var n = plays.Count;
            result[b] = new ExpectedBucket(
                n,
                known.Count > 0 ? n / (double)known.Count : double.NaN,
                plays.Sum(e => (long)e.PlayTimeMs) / 1000.0,
                n > 0 ? plays.Average(Completion) : double.NaN,
                n > 0 ? plays.Count(e => e.LongView) / (double)n : double.NaN,
                n > 0 ? plays.Count(e => e.PlayTimeMs < options.CdumSkipMs) / (double)n : double.NaN,
                n > 0 ? plays.Count(e => e.Click || e.Like || e.Follow || e.Comment || e.Forward) / (double)n : double.NaN);
        }
        return result;
    }
}

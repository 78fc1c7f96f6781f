using Streaming.Core.Events;
using Streaming.Core.Features;
using Streaming.Core.Features.Vectors;
using static Streaming.Core.Tests.Features.Reference.ReferenceMath;

namespace Streaming.Core.Tests.Features.Reference;

/// <summary>What SPEC §3 says the fatigue features are, recomputed from the full event list.</summary>
internal sealed record ExpectedFatigue(
    double[] S,
    double[] Sim,
    double[] M,
    int[] NAll,
    int[] NSameItem,
    int[] NSameCategory,
    int[] NSimilar,
    double[] GapS,
    double SinceLastS,
    double DaysSinceFirst);

/// <summary>
/// Brute-force fatigue features: plain loops over every event applied so far, nothing kept between
/// calls, nothing shared with the engine. The 24-hour window follows the documented policy: of
/// the events with time after <c>W - 24 h</c> (W the latest time), the newest
/// <c>max_day_events</c> by (time, order applied).
/// </summary>
internal static class ReferenceFatigue
{
    public static ExpectedFatigue Compute(IReadOnlyList<Interaction> events, IItemVectors vectors, FeatureOptions options, long t, long item, int category)
    {
        int tLen = options.FatigueRecent, kLen = options.FatigueInterests;
        var known = new Dictionary<long, float[]>();
        float[] V(long id) => known.TryGetValue(id, out var v) ? v : known[id] = VectorOf(vectors, id);
        var target = V(item);

        // R: position p holds event (n - T + p) when that exists.
        var recent = new Interaction?[tLen];
        for (var p = 0; p < tLen; p++)
        {
            var index = events.Count - tLen + p;
            recent[p] = index >= 0 ? events[index] : null;
        }

        // Interests replayed from the first event.
        var seeds = new List<long>();
        var interests = new List<float[]>();
        foreach (var ev in events)
        {
            var e = V(ev.ItemId);
            if (interests.Count < kLen && !seeds.Contains(ev.ItemId))
            {
                seeds.Add(ev.ItemId);
                interests.Add(e);
                continue;
            }
            var best = 0;
            for (var k = 1; k < interests.Count; k++)
            {
                if (Dot(e, interests[k]) > Dot(e, interests[best]))
                {
                    best = k;
                }
            }
            var eta = options.FatigueInterestRate;
            var mixed = new double[e.Length];
            var norm = 0.0;
            for (var j = 0; j < e.Length; j++)
            {
                mixed[j] = ((1.0 - eta) * interests[best][j]) + (eta * e[j]);
                norm += mixed[j] * mixed[j];
            }
            norm = Math.Sqrt(norm);
            interests[best] = mixed.Select(x => (float)(x / norm)).ToArray();
        }

        var s = new double[tLen * tLen];
        var sim = new double[tLen];
        var m = new double[tLen * kLen];
        for (var i = 0; i < tLen; i++)
        {
            var ri = recent[i] is { } a ? V(a.ItemId) : null;
            sim[i] = ri is null ? double.NaN : Dot(ri, target);
            for (var j = 0; j < tLen; j++)
            {
                s[(i * tLen) + j] = ri is not null && recent[j] is { } b ? Dot(ri, V(b.ItemId)) : double.NaN;
            }
            for (var k = 0; k < kLen; k++)
            {
                m[(i * kLen) + k] = ri is not null && k < interests.Count
                    ? 1.0 / (1.0 + Math.Abs(Dot(ri, interests[k]) - Dot(target, interests[k])))
                    : double.NaN;
            }
        }

        var windows = options.FatigueWindowsMs;
        var nAll = new int[windows.Count];
        var nSameItem = new int[windows.Count];
        var nSameCategory = new int[windows.Count];
        var nSimilar = new int[windows.Count];
        if (events.Count > 0)
        {
            var latest = events.Max(e => e.TsMs);
            var longest = windows.Max();
            var kept = events
                .Select((e, order) => (e, order))
                .Where(x => x.e.TsMs > latest - longest)
                .OrderBy(x => x.e.TsMs).ThenBy(x => x.order)
                .TakeLast(options.FatigueMaxDayEvents)
                .Select(x => x.e);
            foreach (var ev in kept)
            {
                for (var w = 0; w < windows.Count; w++)
                {
                    if (ev.TsMs > t - windows[w] && ev.TsMs <= t)
                    {
                        nAll[w]++;
                        nSameItem[w] += ev.ItemId == item ? 1 : 0;
                        nSameCategory[w] += category != -1 && ev.Category == category ? 1 : 0;
                        nSimilar[w] += Dot(V(ev.ItemId), target) >= options.FatigueSimilarThreshold ? 1 : 0;
                    }
                }
            }
        }

        var gaps = new double[tLen - 1];
        for (var i = 0; i < tLen - 1; i++)
        {
            gaps[i] = recent[i] is { } a && recent[i + 1] is { } b ? (b.TsMs - a.TsMs) / 1000.0 : double.NaN;
        }
        var sinceLast = events.Count > 0 ? (t - events.Max(e => e.TsMs)) / 1000.0 : double.NaN;
        var daysSinceFirst = events.Count > 0 ? (t - events.Min(e => e.TsMs)) / (double)DayMs : double.NaN;
        return new ExpectedFatigue(s, sim, m, nAll, nSameItem, nSameCategory, nSimilar, gaps, sinceLast, daysSinceFirst);
    }
}

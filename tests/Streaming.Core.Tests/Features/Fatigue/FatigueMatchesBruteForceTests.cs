using Streaming.Core.Events;
using Streaming.Core.Features;
using Streaming.Core.Features.Fatigue;
using Streaming.Core.Tests.Features.Reference;
using Xunit.Sdk;
using static Streaming.Core.Tests.Features.Reference.ReferenceMath;

namespace Streaming.Core.Tests.Features.Fatigue;

public sealed class FatigueMatchesBruteForceTests
{
    private const double Tolerance = 1e-5;

    [Fact]
    public void Features_equal_a_brute_force_recomputation_after_every_event_with_spec_defaults() =>
        CheckAfterEveryEvent(FeatureOptions.Default, samples: 80, seed: 11);

    [Fact]
    public void Features_equal_a_brute_force_recomputation_after_every_event_with_tight_bounds() =>
        CheckAfterEveryEvent(
            new FeatureOptions { FatigueRecent = 3, FatigueInterests = 2, FatigueHistory = 4, FatigueMaxDayEvents = 4, FatigueInterestRate = 0.3, FatigueWindowsMs = [DayMs, 30 * MinuteMs, 3 * HourMs] },
            samples: 100,
            seed: 12);

    internal static void CheckAfterEveryEvent(FeatureOptions options, int samples, ulong seed)
    {
        var vectors = new ClusteredItemVectors(options.EmbeddingDim);
        AssertNoCosineNearThreshold(vectors, options.FatigueSimilarThreshold);
        var engine = new FatigueEngine(options);
        var features = new FatigueFeatures(options);
        EventSequences.ForEachSample(EventSequences.Sequence(40), samples, seed, events =>
        {
            var state = new FatigueState(options);
            for (var i = 0; i < events.Count; i++)
            {
                engine.Apply(state, events[i], VectorOf(vectors, events[i].ItemId));
                var applied = events.Take(i + 1).ToList();
                foreach (var t in EventSequences.ProbeTimes(events, i, options.FatigueWindowsMs))
                {
                    foreach (var (item, category) in new[] { (events[i].ItemId, events[i].Category), (1 + (i % 8L), (i % 3) - 1) })
                    {
                        engine.Compute(state, t, item, category, VectorOf(vectors, item), features);
                        var expected = ReferenceFatigue.Compute(applied, vectors, options, t, item, category);
                        Compare(expected, features, $"after event {i} of [{Describe(events)}], t={t}, candidate {item}/{category}");
                    }
                }
            }
        });
    }

    internal static void Compare(ExpectedFatigue expected, FatigueFeatures actual, string where)
    {
        Expect.Close(expected.S, actual.S, Tolerance, "S " + where);
        Expect.Close(expected.Sim, actual.Sim, Tolerance, "sim " + where);
        Expect.Close(expected.Sim.Select(x => double.IsNaN(x) ? 0.0 : 1.0).ToArray(), actual.SimMask, 0, "sim_mask " + where);
        Expect.Close(expected.M, actual.M, Tolerance, "M " + where);
        Expect.Close(expected.M.Select(x => double.IsNaN(x) ? 0.0 : 1.0).ToArray(), actual.MMask, 0, "M mask " + where);
        Expect.Counts(expected.NAll, actual.NAll, "n_all " + where);
        Expect.Counts(expected.NSameItem, actual.NSameItem, "n_same_item " + where);
        Expect.Counts(expected.NSameCategory, actual.NSameCategory, "n_same_category " + where);
        Expect.Counts(expected.NSimilar, actual.NSimilar, "n_similar " + where);
        Expect.Close(expected.GapS, actual.GapS, 0, "gap_s " + where);
        Expect.Close(expected.SinceLastS, actual.SinceLastS, 0, "since_last_s " + where);
        Expect.Close(expected.DaysSinceFirst, actual.DaysSinceFirst, 1e-12, "days_since_first " + where);
    }

    internal static string Describe(IEnumerable<Interaction> events) =>
        string.Join("; ", events.Select(e => $"{e.ItemId}@{e.TsMs} c{e.Category} d{e.DurationMs} p{e.PlayTimeMs}"));

    /// <summary>Float and double cosines differ in the last bits; none may sit that close to the threshold.</summary>
    private static void AssertNoCosineNearThreshold(ClusteredItemVectors vectors, double threshold)
    {
        for (long a = 1; a <= 8; a++)
        {
            for (long b = 1; b <= 8; b++)
            {
                var cosine = Dot(VectorOf(vectors, a), VectorOf(vectors, b));
                if (Math.Abs(cosine - threshold) < 1e-3)
                {
                    throw new XunitException($"Test vectors {a} and {b} have cosine {cosine}, too close to the threshold.");
                }
            }
        }
    }
}

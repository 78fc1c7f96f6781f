using Streaming.Core.Features.Context;
using Streaming.Core.Features.Fatigue;
using Xunit.Sdk;

namespace Streaming.Core.Tests.Features.Reference;

/// <summary>Bit-exact comparison of computed features (two states that are equal compute identical bits).</summary>
internal static class FeatureBits
{
    public static void Equal(FatigueFeatures expected, FatigueFeatures actual, string where)
    {
        Same(expected.S, actual.S, "S " + where);
        Same(expected.M, actual.M, "M " + where);
        Same(expected.MMask, actual.MMask, "M mask " + where);
        Same(expected.Sim, actual.Sim, "sim " + where);
        Same(expected.SimMask, actual.SimMask, "sim mask " + where);
        Same(expected.RecentVectors, actual.RecentVectors, "recent vectors " + where);
        Same(expected.NAll, actual.NAll, "n_all " + where);
        Same(expected.NSameItem, actual.NSameItem, "n_same_item " + where);
        Same(expected.NSameCategory, actual.NSameCategory, "n_same_category " + where);
        Same(expected.NSimilar, actual.NSimilar, "n_similar " + where);
        Same(expected.GapS, actual.GapS, "gap_s " + where);
        Same([expected.SinceLastS, expected.DaysSinceFirst], [actual.SinceLastS, actual.DaysSinceFirst], "time " + where);
    }

    public static void Equal(ContextFeatures expected, ContextFeatures actual, string where)
    {
        Same(expected.RecentPlays, actual.RecentPlays, "recent " + where);
        Same(expected.RecentMinutes, actual.RecentMinutes, "30 min " + where);
        Same(expected.LongTerm, actual.LongTerm, "long term " + where);
        Same([expected.Session], [actual.Session], "session " + where);
    }

    private static void Same<T>(ReadOnlySpan<T> expected, ReadOnlySpan<T> actual, string what)
    {
        // record structs and float/double Equals treat NaN as equal to NaN.
        for (var i = 0; i < Math.Max(expected.Length, actual.Length); i++)
        {
            if (i >= expected.Length || i >= actual.Length || !EqualityComparer<T>.Default.Equals(expected[i], actual[i]))
            {
                throw new XunitException($"{what}[{i}] differs: {(i < expected.Length ? expected[i] : "none")} vs {(i < actual.Length ? actual[i] : "none")}.");
            }
        }
    }
}

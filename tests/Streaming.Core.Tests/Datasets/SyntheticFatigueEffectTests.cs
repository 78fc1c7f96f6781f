using Streaming.Core.Datasets;

namespace Streaming.Core.Tests.Datasets;

public class SyntheticFatigueEffectTests
{
    private const int Window = 6;

    [Fact]
    public void Engagement_is_lower_after_more_same_category_items_in_the_recent_window()
    {
        var (engaged, plays, _) = ByRecentSameCategory(SyntheticSample.Default);

        var fresh = (double)engaged[0] / plays[0];
        var tired = (double)(engaged[4] + engaged[5] + engaged[6]) / (plays[4] + plays[5] + plays[6]);
        Assert.True(plays[0] > 5_000 && plays[4] + plays[5] + plays[6] > 5_000);
        Assert.True(tired < 0.75 * fresh, $"long-view rate {tired:F3} after 4+ similar vs {fresh:F3} after none");
    }

    [Fact]
    public void Engagement_over_the_unfatigued_ground_truth_is_exp_of_minus_lambda_n()
    {
        var sample = SyntheticSample.Default;
        var lambda = sample.Dataset.Options.FatigueLambda;
        var (engaged, plays, baseSum) = ByRecentSameCategory(sample);

        for (var n = 0; n <= Window; n++)
        {
            Assert.True(plays[n] > 2_000, $"only {plays[n]} plays with n = {n}");
            var ratio = engaged[n] / baseSum[n];
            Assert.True(Math.Abs(ratio / Math.Exp(-lambda * n) - 1) < 0.1, $"n = {n}: observed/base {ratio:F3}, expected {Math.Exp(-lambda * n):F3}");
        }
    }

    [Fact]
    public void Without_fatigue_engagement_over_ground_truth_is_flat()
    {
        // The control for the test above: the same measurement sees no decay when lambda is 0.
        var sample = SyntheticSample.Enumerate(SyntheticOptions.Default with { FatigueLambda = 0, Interactions = 60_000 });
        var (engaged, plays, baseSum) = ByRecentSameCategory(sample);

        for (var n = 0; n <= Window; n++)
        {
            var ratio = engaged[n] / baseSum[n];
            Assert.True(Math.Abs(ratio - 1) < 0.12, $"n = {n} ({plays[n]} plays): observed/base {ratio:F3}");
        }
    }

    // Brute force over the emitted events: for each play, n = same-category plays among the
    // user's previous six; engagement is the long view; base is the ground truth at n = 0.
    private static (long[] Engaged, long[] Plays, double[] BaseSum) ByRecentSameCategory((SyntheticDataset Dataset, IReadOnlyList<DatasetEvent> Events) sample)
    {
        var engaged = new long[Window + 1];
        var plays = new long[Window + 1];
        var baseSum = new double[Window + 1];
        var history = new Dictionary<long, List<int>>();
        foreach (var i in sample.Events.Where(e => e.IsInteraction).Select(e => e.Interaction!))
        {
            if (!history.TryGetValue(i.UserId, out var categories))
            {
                history[i.UserId] = categories = [];
            }

            var n = categories.Skip(Math.Max(0, categories.Count - Window)).Count(c => c == i.Category);
            plays[n]++;
            engaged[n] += i.LongView ? 1 : 0;
            baseSum[n] += sample.Dataset.EngagementProbability(i.UserId, i.ItemId, 0);
            categories.Add(i.Category);
        }

        return (engaged, plays, baseSum);
    }
}

namespace Streaming.Core.Tests.Datasets;

public class SyntheticDatasetDistributionTests
{
    [Fact]
    public void Every_duration_bucket_and_the_unknown_duration_are_populated()
    {
        var interactions = SyntheticSample.Default.Events.Where(e => e.IsInteraction).Select(e => e.Interaction!).ToList();
        var counts = new int[7];
        foreach (var i in interactions)
        {
            Assert.InRange(i.DurationMs, 0, 600_000);
            counts[SyntheticSample.Bucket(i.DurationMs)]++;
        }

        for (var b = 0; b < counts.Length; b++)
        {
            Assert.True(counts[b] > interactions.Count / 100, $"bucket {b} has {counts[b]} of {interactions.Count}");
        }
    }

    [Fact]
    public void Treatments_are_drawn_uniformly()
    {
        var counts = new double[3];
        foreach (var r in SyntheticSample.Default.Events.Where(e => e.IsRequest).Select(e => e.Request!))
        {
            Assert.NotNull(r.Treatment);
            counts[r.Treatment.Value]++;
        }

        var expected = counts.Sum() / 3;
        var chiSquare = counts.Sum(c => (c - expected) * (c - expected) / expected);
        Assert.True(chiSquare < 13.8, $"chi-square {chiSquare:F1} (2 df, p = 0.001 at 13.8), counts {string.Join(",", counts)}");
    }

    [Fact]
    public void Treatment_1_exposes_more_short_and_treatment_2_more_long_items()
    {
        var treatmentOf = new Dictionary<string, int>();
        var exposures = new int[3];
        var shortOnes = new int[3];
        var longOnes = new int[3];
        foreach (var e in SyntheticSample.Default.Events)
        {
            if (e.Request is { } r)
            {
                treatmentOf[r.RequestId] = r.Treatment!.Value;
                continue;
            }

            var i = e.Interaction!;
            var t = treatmentOf[i.RequestId!];
            var bucket = SyntheticSample.Bucket(i.DurationMs);
            exposures[t]++;
            shortOnes[t] += bucket <= 1 ? 1 : 0;
            longOnes[t] += bucket is 4 or 5 ? 1 : 0;
        }

        double Share(int[] part, int t) => (double)part[t] / exposures[t];
        Assert.True(Share(shortOnes, 1) > Share(shortOnes, 0) + 0.1, $"short: {Share(shortOnes, 1):F3} vs control {Share(shortOnes, 0):F3}");
        Assert.True(Share(longOnes, 2) > Share(longOnes, 0) + 0.1, $"long: {Share(longOnes, 2):F3} vs control {Share(longOnes, 0):F3}");
    }

    [Fact]
    public void Long_view_and_click_follow_the_KuaiRand_rules()
    {
        foreach (var i in SyntheticSample.Small.Events.Where(e => e.IsInteraction).Select(e => e.Interaction!).Where(i => i.DurationMs > 0))
        {
            Assert.Equal(i.DurationMs <= 18_000 ? i.PlayTimeMs >= i.DurationMs : i.PlayTimeMs >= 18_000, i.LongView);
            Assert.Equal(i.DurationMs <= 7_000 ? i.PlayTimeMs >= i.DurationMs : i.PlayTimeMs > 7_000, i.Click);
        }
    }

    [Fact]
    public void Reactions_have_plausible_rates()
    {
        var interactions = SyntheticSample.Default.Events.Where(e => e.IsInteraction).Select(e => e.Interaction!).ToList();
        double Rate(Func<Streaming.Core.Events.Interaction, bool> f) => (double)interactions.Count(f) / interactions.Count;

        Assert.InRange(Rate(i => i.LongView), 0.1, 0.5);
        Assert.InRange(Rate(i => i.Click), 0.1, 0.6);
        Assert.InRange(Rate(i => i.Like), 0.003, 0.05);
        Assert.InRange(Rate(i => i.Follow), 0.0003, 0.01);
        Assert.InRange(Rate(i => i.Comment), 0.0003, 0.01);
        Assert.InRange(Rate(i => i.Forward), 0.0001, 0.01);
        Assert.InRange(Rate(i => i.Hate), 0.0005, 0.01);
        // Reactions come only with engagement (a long view), hate only without.
        Assert.All(interactions.Where(i => i.Like || i.Follow || i.Comment || i.Forward), i => Assert.True(i.LongView));
        Assert.All(interactions.Where(i => i.Hate), i => Assert.False(i.LongView));
    }
}

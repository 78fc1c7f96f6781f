using CsCheck;
using Streaming.Core.Features;
using Streaming.Core.Features.LifeCycle;

namespace Streaming.Core.Tests.LifeCycle;

public sealed class TopClustersTests
{
    /// <summary>Brute force: every cluster's cosine from its member mean in float64, full sorts, plain softmax.</summary>
    private static List<(int Id, double Cos, double Attention, ClusterSnapshot Cluster)> Expected(
        LifeCycleClusters state, float[] target, FeatureOptions options)
    {
        var t = target.Select(x => (double)x).ToArray();
        var ranked = ClusterSnapshot.Of(state)
            .Select(c =>
            {
                var mean = Enumerable.Range(0, state.Dim).Select(j => c.Vectors.Average(v => (double)v[j])).ToArray();
                return (c.Id, Cos: ReferenceLifeCycle.Cos(t, mean), Cluster: c);
            })
            .OrderByDescending(c => c.Cos).ThenBy(c => c.Id)
            .Take(options.LifeCycleTopClusters)
            .ToList();
        var logits = ranked.Select(r => (r.Cos / options.LifeCycleTau) + Math.Log(r.Cluster.Positions.Length)).ToList();
        var max = logits.Max();
        var total = logits.Sum(z => Math.Exp(z - max));
        return [.. ranked.Select((r, i) => (r.Id, r.Cos, Attention: Math.Exp(logits[i] - max) / total, r.Cluster))
            .OrderByDescending(r => r.Attention).ThenBy(r => r.Id)];
    }

    /// <summary>
    /// Position by position the engine's entry must be the brute force's, except that the engine
    /// ranks float32 cosines: clusters whose cosines differ by less than float resolution (items
    /// generated with near-zero noise) may come in either order, so a different id is accepted only
    /// where both cosines agree within 1e-5. Every value is checked against the named cluster.
    /// </summary>
    private static int AssertMatches(
        List<(int Id, double Cos, double Attention, ClusterSnapshot Cluster)> expected, ReadOnlySpan<ClusterFeature> actual, LifeCycleClusters state)
    {
        Assert.Equal(expected.Count, actual.Length);
        var clusters = ClusterSnapshot.Of(state).ToDictionary(c => c.Id);
        var exactPositions = 0;
        for (var i = 0; i < actual.Length; i++)
        {
            var (e, d) = (expected[i], actual[i]);
            if (e.Id == d.ClusterId)
            {
                exactPositions++;
            }
            else
            {
                Assert.Equal(e.Cos, d.Cosine, 1e-5);
            }
            Assert.Equal(e.Attention, d.Attention, 1e-5);
            var cluster = clusters[d.ClusterId];
            var mean = Enumerable.Range(0, state.Dim).Select(j => cluster.Vectors.Average(v => (double)v[j])).ToArray();
            Assert.Equal(cluster.Group, d.Group);
            Assert.Equal(cluster.Positions.Length, d.Size);
            Assert.Equal(cluster.Plays.Average(), d.MeanPlayMs, 9);
            Assert.Equal(cluster.Durations.Average(), d.MeanDurationMs, 9);
            Assert.Equal(Enumerable.Range(0, d.Size).Average(k => ReferenceLifeCycle.Completion(cluster.Plays[k], cluster.Durations[k])), d.MeanCompletion, 9);
            Assert.Equal(cluster.Representative, d.RepresentativeItem);
            // The engine's own order is exact: attention descending, lower id first on equal attention.
            Assert.True(i == 0 || actual[i - 1].Attention > d.Attention || (actual[i - 1].Attention == d.Attention && actual[i - 1].ClusterId < d.ClusterId));
        }
        Assert.Equal(actual.Length, actual.ToArray().Select(d => d.ClusterId).Distinct().Count());
        Assert.Equal(1.0, actual.ToArray().Sum(d => d.Attention), 9);
        return exactPositions;
    }

    private static readonly Gen<(Scenario Scenario, int Top, long Target)> s_cases =
        from scenario in Scenario.Generator
        from top in Gen.OneOf(Gen.Const(100), Gen.Int[1, 12])
        from target in Gen.Long[0, 60]
        select (scenario, top, target);

    [Fact]
    public void Top_clusters_match_a_brute_force_sort_and_softmax()
    {
        int positions = 0, exact = 0;
        DeterministicSamples.Check(s_cases, 80, c =>
        {
            var options = c.Scenario.Options with { LifeCycleTopClusters = c.Top };
            var engine = new LifeCycleEngine(options);
            var state = new LifeCycleClusters();
            var destination = new ClusterFeature[options.LifeCycleTopClusters];
            foreach (var step in c.Scenario.Steps)
            {
                engine.Apply(state, step.ItemId, c.Scenario.VectorOf(step.ItemId), step.Play, step.Duration, step.Ts);
            }
            // Targets both near the user's topics (items of the pool) and unrelated.
            foreach (var target in new[] { c.Scenario.VectorOf(c.Target), TestVectors.Hash(9_999 + c.Target, c.Scenario.Dim) })
            {
                var written = engine.TopClusters(state, target, destination);
                exact += AssertMatches(Expected(state, target, options), destination[..written], state);
                positions += written;
            }
        }, salt: 2);
        // Near-ties are the exception: nearly every position names the brute force's cluster.
        Assert.True(exact >= positions * 0.9, $"{exact} of {positions} positions agree exactly");
    }

    [Fact]
    public void Top_clusters_select_from_many_clusters_across_groups()
    {
        // 3,000 random items: nearly all singletons, so the top 100 is a real selection.
        var options = FeatureOptions.Default;
        var engine = new LifeCycleEngine(options);
        var state = new LifeCycleClusters();
        for (var i = 0; i < 3_000; i++)
        {
            engine.Apply(state, i, TestVectors.Hash(i, options.EmbeddingDim), i % 1_300, 1_000, i);
        }
        Assert.True(state.ClusterCount > 1_000);
        var destination = new ClusterFeature[100];
        for (var t = 0; t < 5; t++)
        {
            var target = TestVectors.Hash(50_000 + t, options.EmbeddingDim);
            Assert.Equal(100, engine.TopClusters(state, target, destination));
            Assert.Equal(Expected(state, target, options).Select(e => e.Id), destination.Select(d => d.ClusterId));
        }
    }

    [Fact]
    public void Attention_stays_finite_with_a_tiny_temperature()
    {
        var options = FeatureOptions.Default with { LifeCycleTau = 1e-4 };
        var engine = new LifeCycleEngine(options);
        var state = new LifeCycleClusters();
        for (var i = 0; i < 50; i++)
        {
            engine.Apply(state, i, TestVectors.Hash(i, options.EmbeddingDim), 500, 1_000, i);
        }
        var destination = new ClusterFeature[100];
        var written = engine.TopClusters(state, TestVectors.Hash(3, options.EmbeddingDim), destination);
        Assert.All(destination[..written], d => Assert.True(double.IsFinite(d.Attention)));
        Assert.Equal(1.0, destination[..written].Sum(d => d.Attention), 12);
        Assert.Equal(3, destination[0].RepresentativeItem);   // its own cluster dominates: cos 1
    }

    [Fact]
    public void An_empty_state_has_no_clusters()
    {
        var engine = new LifeCycleEngine(FeatureOptions.Default);
        Assert.Equal(0, engine.TopClusters(new LifeCycleClusters(), TestVectors.Hash(1, 32), new ClusterFeature[100]));
    }
}

using Streaming.Core.Features;
using Streaming.Core.Features.LifeCycle;

namespace Streaming.Core.Tests.LifeCycle;

/// <summary>SPEC §4's invariants, each recomputed by brute force from the members.</summary>
internal static class StateInvariants
{
    public static void Check(LifeCycleClusters state, FeatureOptions options)
    {
        var clusters = ClusterSnapshot.Of(state);
        var edges = options.LifeCycleCompletionEdges;
        Assert.Equal(clusters.Count, state.ClusterCount);
        Assert.Equal(state.LogLength, clusters.Sum(c => c.Positions.Length));
        Assert.Equal(Enumerable.Range(0, state.LogLength), clusters.SelectMany(c => c.Positions).Order());
        Assert.Equal(clusters.Count, clusters.Select(c => c.Id).Distinct().Count());
        Assert.True(state.LogLength <= options.LifeCycleMaxItems);
        foreach (var c in clusters)
        {
            Assert.InRange(c.Positions.Length, 1, options.LifeCycleMaxCluster);
            Assert.InRange(c.Id, 0, state.NextClusterId - 1);
            Assert.True(c.Positions.SequenceEqual(c.Positions.Order()), $"cluster {c.Id}: members in joining (log) order");
            for (var i = 0; i < c.Positions.Length; i++)
            {
                var completion = ReferenceLifeCycle.Completion(c.Plays[i], c.Durations[i]);
                Assert.Equal(c.Group, edges.Count(e => completion >= e));
            }

            var n = c.Positions.Length;
            var mean = new double[state.Dim];
            foreach (var v in c.Vectors)
            {
                for (var j = 0; j < mean.Length; j++)
                {
                    mean[j] += v[j] / (double)n;
                }
            }
            for (var j = 0; j < mean.Length; j++)
            {
                Assert.Equal(mean[j], c.Centroid[j], 1e-6);
            }
            Assert.Equal(c.Plays.Sum(p => (long)p), c.PlaySum);
            Assert.Equal(c.Durations.Sum(d => (long)d), c.DurationSum);
            Assert.Equal(Enumerable.Range(0, n).Sum(i => ReferenceLifeCycle.Completion(c.Plays[i], c.Durations[i])), c.CompletionSum, 1e-9);
            Assert.Equal(c.Times.Max(), c.LastTs);

            var cosines = c.Vectors.Select(v => ReferenceLifeCycle.Cos([.. v.Select(x => (double)x)], mean)).ToArray();
            var best = cosines.Max();
            var expected = Enumerable.Range(0, n).Where(i => cosines[i] >= best - ReferenceLifeCycle.Tolerance).Min(i => c.Items[i]);
            Assert.Equal(expected, c.Representative);
        }
    }
}

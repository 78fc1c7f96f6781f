using Streaming.Core.Features;
using Streaming.Core.Features.LifeCycle;

namespace Streaming.Core.Tests.LifeCycle;

public sealed class EvictionTests
{
    private static readonly FeatureOptions s_options = FeatureOptions.Default with { EmbeddingDim = 4, LifeCycleMaxItems = 3 };

    [Fact]
    public void The_oldest_item_leaves_and_an_emptied_cluster_is_removed()
    {
        var engine = new LifeCycleEngine(s_options);
        var state = new LifeCycleClusters();
        // Orthogonal items: each starts its own cluster.
        for (var i = 0; i < 4; i++)
        {
            engine.Apply(state, 100 + i, TestVectors.Axis(i, 4), 1000, 1000, i);
        }
        Assert.Equal(3, state.LogLength);
        Assert.Equal("1/g3:[0]; 2/g3:[1]; 3/g3:[2]", ClusterSnapshot.Shape(state));
        Assert.Equal(3, state.ClusterCount);
        Assert.Equal(4, state.NextClusterId);
        StateInvariants.Check(state, s_options);
    }

    [Fact]
    public void Eviction_happens_before_the_new_item_is_placed()
    {
        var engine = new LifeCycleEngine(s_options);
        var state = new LifeCycleClusters();
        float[] a = TestVectors.Normalize([1, 0.2, 0, 0]);
        float[] b = TestVectors.Normalize([0, 1, 0.1, 0]);
        float[] c = TestVectors.Normalize([0, 0, 1, 0.3]);
        engine.Apply(state, 5, a, 100, 1000, 1);   // g0
        engine.Apply(state, 6, b, 400, 1000, 2);   // g1
        engine.Apply(state, 7, c, 1000, 1000, 3);  // g3
        Assert.Equal("0/g0:[0]; 1/g1:[1]; 2/g3:[2]", ClusterSnapshot.Shape(state));

        // The same vector and group as item 5, but item 5 leaves first and takes cluster 0 with it,
        // so item 8 finds no cluster in g0 and starts cluster 3.
        engine.Apply(state, 8, a, 100, 1000, 4);
        Assert.Equal("1/g1:[0]; 2/g3:[1]; 3/g0:[2]", ClusterSnapshot.Shape(state));
        StateInvariants.Check(state, s_options);
    }

    [Fact]
    public void Eviction_recomputes_the_cluster_from_its_remaining_members()
    {
        var options = FeatureOptions.Default with { EmbeddingDim = 4, LifeCycleMaxItems = 3 };
        var engine = new LifeCycleEngine(options);
        var state = new LifeCycleClusters();
        float[] a = TestVectors.Normalize([1, 0.3, 0, 0]);
        float[] b = TestVectors.Normalize([1, -0.3, 0, 0]);
        float[] c = TestVectors.Normalize([1, 0, 0.5, 0]);
        engine.Apply(state, 30, a, 2000, 2000, 900);  // oldest, latest time
        engine.Apply(state, 20, b, 1000, 1000, 500);
        engine.Apply(state, 10, c, 3000, 3000, 700);
        var full = Assert.Single(ClusterSnapshot.Of(state));
        Assert.Equal([0, 1, 2], full.Positions);
        Assert.Equal(900, full.LastTs);
        Assert.Equal(6000, full.PlaySum);

        float[] far = TestVectors.Axis(3, 4);
        engine.Apply(state, 40, far, 500, 500, 800);  // evicts item 30, starts its own cluster
        var shrunk = ClusterSnapshot.Of(state)[0];
        Assert.Equal(0, shrunk.Id);
        Assert.Equal([0, 1], shrunk.Positions);
        Assert.Equal(4000, shrunk.PlaySum);
        Assert.Equal(4000, shrunk.DurationSum);
        Assert.Equal(2.0, shrunk.CompletionSum, 12);
        Assert.Equal(700, shrunk.LastTs);   // the largest remaining time, lower than the evicted 900
        for (var j = 0; j < 4; j++)
        {
            Assert.Equal((b[j] + (double)c[j]) / 2, shrunk.Centroid[j], 6);
        }
        // b and c are equally far from their mean (cos tie): the lower item id, 10, represents.
        Assert.Equal(10, shrunk.Representative);
        StateInvariants.Check(state, options);
    }
}

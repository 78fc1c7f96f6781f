using Streaming.Core.Features;
using Streaming.Core.Features.LifeCycle;

namespace Streaming.Core.Tests.LifeCycle;

public sealed class RepeatedItemTests
{
    [Fact]
    public void The_same_item_fills_the_lowest_cluster_and_sheds_halves_of_eight()
    {
        // 16 copies fill cluster 0; the 17th splits 9 (id 0) / 8 (id 1) by halves because 2-means
        // cannot separate identical vectors; from then on every 8 copies refill cluster 0 and
        // split off one more cluster of 8. After 100: cluster 0 holds the 9 oldest and the last 3.
        var options = FeatureOptions.Default;
        var engine = new LifeCycleEngine(options);
        var state = new LifeCycleClusters();
        var vector = TestVectors.Hash(42, options.EmbeddingDim);
        for (var i = 0; i < 100; i++)
        {
            engine.Apply(state, 42, vector, 5_000, 10_000, i);
            StateInvariants.Check(state, options);
        }
        var clusters = ClusterSnapshot.Of(state);
        Assert.Equal(12, clusters.Count);
        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 7, 8, 97, 98, 99], clusters[0].Positions);
        Assert.Equal(Enumerable.Range(9, 8), clusters[1].Positions);
        for (var id = 2; id <= 11; id++)
        {
            Assert.Equal(Enumerable.Range(17 + ((id - 2) * 8), 8), clusters[id].Positions);
        }
        Assert.All(clusters, c => Assert.Equal(42, c.Representative));
    }

    [Fact]
    public void The_same_item_with_gamma_one_makes_one_cluster_per_copy()
    {
        var options = FeatureOptions.Default with { LifeCycleMaxCluster = 1 };
        var engine = new LifeCycleEngine(options);
        var state = new LifeCycleClusters();
        var vector = TestVectors.Hash(7, options.EmbeddingDim);
        for (var i = 0; i < 5; i++)
        {
            engine.Apply(state, 7, vector, 1, 1, i);
        }
        Assert.Equal("0/g3:[0]; 1/g3:[1]; 2/g3:[2]; 3/g3:[3]; 4/g3:[4]", ClusterSnapshot.Shape(state));
    }
}

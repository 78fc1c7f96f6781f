using Streaming.Core.Features;
using Streaming.Core.Features.LifeCycle;

namespace Streaming.Core.Tests.LifeCycle;

/// <summary>The 2-means split on hand-built 2-d vectors whose answers follow from the SPEC by hand.</summary>
public sealed class TwoMeansSplitTieRulesTests
{
    private static float[] AtDegrees(double degrees) =>
        [(float)Math.Cos(degrees * Math.PI / 180), (float)Math.Sin(degrees * Math.PI / 180)];

    private static byte[] Split(params float[][] vectors)
    {
        var flat = vectors.SelectMany(v => v).ToArray();
        var partTwo = new byte[vectors.Length];
        TwoMeansSplit.Partition(flat, vectors.Length, vectors[0].Length, partTwo);
        // The reference must agree on every hand-built case too.
        var reference = ReferenceLifeCycle.TwoMeans([.. vectors.Select(v => v.Select(x => (double)x).ToArray())]);
        Assert.Equal(reference.Select(b => b ? (byte)1 : (byte)0), partTwo);
        return partTwo;
    }

    [Fact]
    public void Seeds_are_the_pair_with_the_lowest_cosine()
    {
        // Pairs: (0,1) cos 0, (0,2) cos 0, (1,2) cos -1: seeds 1 and 2. Item 0 is equally far from
        // both seeds and goes to the first; means (0.5, 0.5) and (-1, 0) keep everything in place.
        Assert.Equal([0, 0, 1], Split([0, 1], [1, 0], [-1, 0]));
    }

    [Fact]
    public void Equal_lowest_pairs_take_the_first_in_order()
    {
        // (0,1) and (2,3) both have cos -1: the seeds are items 0 and 1. Items 2 and 3 tie between
        // the seeds (cos 0 to both) and join the first; with seeds 2 and 3 instead the answer
        // would have been [0, 0, 0, 1].
        Assert.Equal([0, 1, 0, 0], Split([1, 0], [-1, 0], [0, 1], [0, -1]));
    }

    [Fact]
    public void An_item_moves_when_the_means_move()
    {
        // Seeds 0 deg and 120 deg. Round 1: the item at 58 deg is nearer the first seed, the three
        // at 62 deg nearer the second. The second mean then sits near 77 deg, nearer to 58 deg than
        // the first mean (29 deg), so the item moves in round 2.
        Assert.Equal([0, 1, 1, 1, 1, 1], Split(AtDegrees(0), AtDegrees(120), AtDegrees(58), AtDegrees(62), AtDegrees(62), AtDegrees(62)));
    }

    [Fact]
    public void Identical_items_fall_back_to_halves_in_order()
    {
        // Every cosine ties: all items go to the first seed, part two is empty, halves: ceil(5/2) = 3 first.
        float[] a = [0.6f, 0.8f];
        Assert.Equal([0, 0, 0, 1, 1], Split(a, a, a, a, a));
        Assert.Equal([0, 0, 1, 1], Split(a, a, a, a));
    }

    [Fact]
    public void A_full_cluster_splits_into_the_kept_id_and_a_new_id()
    {
        // gamma 2: 0 deg starts cluster 0, 40 deg joins it (cos 0.77); 70 deg is cos 0.64 from the
        // centroid at 20 deg, so it would join but the cluster is full: split {0, 40, 70}. Seeds are
        // 0 and 70 deg (widest), 40 deg is nearer 70 deg: part one {0} keeps id 0, part two gets id 1.
        var options = FeatureOptions.Default with { EmbeddingDim = 2, LifeCycleMaxCluster = 2 };
        var engine = new LifeCycleEngine(options);
        var state = new LifeCycleClusters();
        engine.Apply(state, 10, AtDegrees(0), 1000, 1000, 1);
        engine.Apply(state, 11, AtDegrees(40), 1000, 1000, 2);
        Assert.Equal("0/g3:[0,1]", ClusterSnapshot.Shape(state));
        engine.Apply(state, 12, AtDegrees(70), 1000, 1000, 3);
        Assert.Equal("0/g3:[0]; 1/g3:[1,2]", ClusterSnapshot.Shape(state));
        Assert.Equal(2, state.NextClusterId);
    }

    [Fact]
    public void An_item_below_the_join_threshold_starts_a_cluster_and_groups_never_mix()
    {
        var options = FeatureOptions.Default with { EmbeddingDim = 2 };
        var engine = new LifeCycleEngine(options);
        var state = new LifeCycleClusters();
        engine.Apply(state, 1, AtDegrees(0), 1000, 1000, 1);   // g3
        engine.Apply(state, 2, AtDegrees(65), 1000, 1000, 2);  // cos 0.42 < 0.5: new cluster
        engine.Apply(state, 3, AtDegrees(0), 100, 1000, 3);    // same direction, c = 0.1: g0
        engine.Apply(state, 4, AtDegrees(0), 200, 1000, 4);    // c = 0.2 exactly: g1
        engine.Apply(state, 5, AtDegrees(5), 999, 1000, 5);    // c = 0.999: g2
        engine.Apply(state, 6, AtDegrees(55), 1000, 1000, 6);  // cos 0.57 to cluster 0 (0 deg), 0.98 to cluster 1 (65 deg)
        Assert.Equal("0/g3:[0]; 1/g3:[1,5]; 2/g0:[2]; 3/g1:[3]; 4/g2:[4]", ClusterSnapshot.Shape(state));
    }
}

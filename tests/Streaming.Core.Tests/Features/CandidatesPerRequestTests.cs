using Streaming.Core.Events;
using Streaming.Core.Features;
using Streaming.Core.Features.Vectors;
using Streaming.Core.Tests.Features.Reference;

namespace Streaming.Core.Tests.Features;

public sealed class CandidatesPerRequestTests
{
    private static void AssertSame(CandidateFeatures expected, CandidateFeatures actual)
    {
        Assert.Equal(expected.UserId, actual.UserId);
        Assert.Equal(expected.ItemId, actual.ItemId);
        Assert.Equal(expected.TsMs, actual.TsMs);
        Assert.Equal(expected.LifeCycleItems, actual.LifeCycleItems);
        Assert.Equal(expected.ItemVector.ToArray(), actual.ItemVector.ToArray());
        // Record equality compares every double exactly: the features must be bit-identical.
        Assert.Equal(expected.Clusters.ToArray(), actual.Clusters.ToArray());
        Assert.Equal(expected.Fatigue.Sim.ToArray(), actual.Fatigue.Sim.ToArray());
        Assert.Equal(expected.Fatigue.NAll.ToArray(), actual.Fatigue.NAll.ToArray());
        Assert.Equal(expected.Fatigue.NSameItem.ToArray(), actual.Fatigue.NSameItem.ToArray());
        Assert.Equal(expected.Fatigue.NSimilar.ToArray(), actual.Fatigue.NSimilar.ToArray());
    }

    [Theory]
    [InlineData(0, 100)]      // no clusters at all
    [InlineData(40, 100)]     // fewer clusters than top_clusters: all are taken
    [InlineData(3_000, 100)]  // a real top-100 selection across groups
    [InlineData(3_000, 7)]
    public void Features_computed_per_request_equal_those_computed_one_candidate_at_a_time(int interactions, int topClusters)
    {
        var options = FeatureOptions.Default with { LifeCycleTopClusters = topClusters };
        var engine = new FeatureEngine(options, new HashItemVectors(options.EmbeddingDim));
        var state = engine.CreateState(EventSequences.UserId);
        for (var i = 0; i < interactions; i++)
        {
            // Every fifth interaction repeats one of a few items, so some clusters share a
            // direction and their cosines tie exactly.
            var item = i % 5 == 0 ? i % 3 : 1_000 + i;
            engine.Apply(state, TestEvents.At(TestEvents.T0 + (i * 30_000L), item, category: i % 7, durationMs: 10_000, playTimeMs: i % 13 * 1_000));
        }
        var t = TestEvents.T0 + (interactions * 30_000L) + 1_000;
        var candidates = Enumerable.Range(0, 11)
            .Select(i => new Candidate(i < 3 ? i : 50_000 + (i * 17L), -1, i % 7, 12_000))
            .ToArray();

        foreach (var count in new[] { 0, 1, 3, 4, 5, 8, 11 })
        {
            var perRequest = Enumerable.Range(0, count).Select(_ => engine.CreateCandidateFeatures()).ToArray();
            engine.ComputeCandidates(state, t, candidates.AsSpan(0, count), perRequest);
            var single = engine.CreateCandidateFeatures();
            for (var i = 0; i < count; i++)
            {
                engine.ComputeCandidate(state, t, candidates[i], single);
                AssertSame(single, perRequest[i]);
                Assert.Equal(Math.Min(topClusters, state.LifeCycle.ClusterCount), perRequest[i].ClusterCount);
            }
        }
    }

    [Fact]
    public void A_features_object_per_candidate_is_required()
    {
        var options = FeatureOptions.Default;
        var engine = new FeatureEngine(options, new HashItemVectors(options.EmbeddingDim));
        var state = engine.CreateState(EventSequences.UserId);
        Candidate[] candidates = [new(1, -1, 0, 1_000), new(2, -1, 0, 1_000)];
        Assert.Throws<ArgumentException>(() => engine.ComputeCandidates(state, TestEvents.T0, candidates, [engine.CreateCandidateFeatures()]));
    }
}

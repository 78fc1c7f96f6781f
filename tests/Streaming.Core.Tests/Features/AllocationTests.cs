using Streaming.Core.Events;
using Streaming.Core.Features;
using Streaming.Core.Features.Context;
using Streaming.Core.Features.Fatigue;
using Streaming.Core.Features.Vectors;
using Streaming.Core.Tests.Features.Reference;

namespace Streaming.Core.Tests.Features;

public sealed class AllocationTests
{
    [Fact]
    public void Fatigue_and_context_apply_and_compute_allocate_nothing_in_steady_state()
    {
        var options = FeatureOptions.Default;
        var vectors = new HashItemVectors(options.EmbeddingDim);
        var fatigue = new FatigueEngine(options);
        var context = new ContextEngine(options);
        var fatigueState = new FatigueState(options);
        var contextState = new ContextState(options);
        var fatigueFeatures = new FatigueFeatures(options);
        var contextFeatures = new ContextFeatures(options);
        var events = Enumerable.Range(0, 6_000)
            .Select(i => TestEvents.At(TestEvents.T0 + (i * 20_000L) - (i % 7 == 0 ? 60_000 : 0), i % 50, category: i % 4, durationMs: i % 5 * 9_000))
            .ToArray();
        var vector = new float[options.EmbeddingDim];
        Candidate[] candidates = [new(3, -1, 2, 10_000), new(77, -1, -1, 0)];

        void Run(int from, int to)
        {
            for (var i = from; i < to; i++)
            {
                var e = events[i];
                vectors.CopyVector(e.ItemId, vector);
                fatigue.Apply(fatigueState, e, vector);
                context.Apply(contextState, e);
                fatigue.Compute(fatigueState, e.TsMs, 3, 2, vector, fatigueFeatures);
                context.Compute(contextState, e.TsMs, contextFeatures);
                context.ComputeRequest(candidates, contextFeatures);
            }
        }

        Run(0, 3_000); // the day window grows to its steady size
        var before = GC.GetAllocatedBytesForCurrentThread();
        Run(3_000, 6_000);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void The_feature_engine_with_life_cycle_clusters_allocates_nothing_in_steady_state()
    {
        var options = FeatureOptions.Default with { LifeCycleMaxItems = 1_000 };
        var engine = new FeatureEngine(options, new HashItemVectors(options.EmbeddingDim));
        var state = engine.CreateState(EventSequences.UserId);
        var events = Enumerable.Range(0, 25_000)
            .Select(i => TestEvents.At(TestEvents.T0 + (i * 60_000L), i % 9 == 0 ? i % 40 : 10_000 + i, category: i % 4, durationMs: 5_000 + (i % 7 * 10_000), playTimeMs: i % 11 * 4_000))
            .ToArray();
        Candidate[] candidates = [.. Enumerable.Range(0, 5).Select(i => new Candidate(i < 2 ? i : 90_000 + i, -1, i % 4, 20_000))];
        var single = engine.CreateCandidateFeatures();
        var perRequest = candidates.Select(_ => engine.CreateCandidateFeatures()).ToArray();
        var context = engine.CreateContextFeatures();

        void Run(int from, int to)
        {
            for (var i = from; i < to; i++)
            {
                var e = events[i];
                engine.Apply(state, e);
                engine.ComputeCandidate(state, e.TsMs, candidates[i % candidates.Length], single);
                engine.ComputeCandidates(state, e.TsMs, candidates, perRequest);
                engine.ComputeContext(state, e.TsMs, context);
            }
        }

        // A state's buffers grow to the largest size they have needed (a new highest cluster count
        // takes a slot), so warm up until this sequence's cluster count has peaked: event 16,104.
        Run(0, 17_000);
        var before = GC.GetAllocatedBytesForCurrentThread();
        Run(17_000, 25_000);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}

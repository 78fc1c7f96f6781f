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
}

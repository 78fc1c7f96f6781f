using Streaming.Core.Features.LifeCycle;

namespace Streaming.Core.Tests.LifeCycle;

public sealed class OnlineStepReferenceTests
{
    [Fact]
    public void Online_step_builds_the_same_clusters_as_the_brute_force_reference() =>
        DeterministicSamples.Check(Scenario.Generator, 80, scenario =>
        {
            var options = scenario.Options;
            var engine = new LifeCycleEngine(options);
            var state = new LifeCycleClusters();
            var reference = new ReferenceLifeCycle(options.LifeCycleMaxCluster, options.LifeCycleMaxItems,
                options.LifeCycleJoinThreshold, [.. options.LifeCycleCompletionEdges]);
            foreach (var step in scenario.Steps)
            {
                var vector = scenario.VectorOf(step.ItemId);
                engine.Apply(state, step.ItemId, vector, step.Play, step.Duration, step.Ts);
                reference.Apply(step.ItemId, vector, step.Play, step.Duration, step.Ts);
                Assert.Equal(ClusterSnapshot.Shape(reference), ClusterSnapshot.Shape(state));
                Assert.Equal(reference.NextId, state.NextClusterId);
            }
        }, salt: 1);

    [Fact]
    public void Reference_comparison_sees_joins_splits_and_evictions()
    {
        // Guards the generator: the equality above is only worth something if the scenarios
        // exercise every branch.
        int joins = 0, splits = 0, evictions = 0;
        DeterministicSamples.Check(Scenario.Generator, 80, scenario =>
        {
            var options = scenario.Options;
            var reference = new ReferenceLifeCycle(options.LifeCycleMaxCluster, options.LifeCycleMaxItems,
                options.LifeCycleJoinThreshold, [.. options.LifeCycleCompletionEdges]);
            foreach (var step in scenario.Steps)
            {
                var before = (reference.NextId, reference.Log.Count, reference.Log.FirstOrDefault());
                reference.Apply(step.ItemId, scenario.VectorOf(step.ItemId), step.Play, step.Duration, step.Ts);
                if (step.Duration <= 0)
                {
                    continue;
                }
                var createdOne = reference.NextId - before.NextId;
                var largest = reference.Clusters.Max(c => c.Members.Count);
                joins += createdOne == 0 ? 1 : 0;
                splits += createdOne == 1 && reference.Clusters.Single(c => c.Id == reference.NextId - 1).Members.Count > 1 ? 1 : 0;
                evictions += before.Item3 is not null && !reference.Log.Contains(before.Item3) ? 1 : 0;
            }
        }, salt: 1);
        Assert.True(joins > 500, $"joins {joins}");
        Assert.True(splits > 50, $"splits {splits}");
        Assert.True(evictions > 500, $"evictions {evictions}");
    }
}

using CsCheck;
using Streaming.Core.Encoding;
using Streaming.Core.Features;
using Streaming.Core.Features.LifeCycle;

namespace Streaming.Core.Tests.LifeCycle;

public sealed class ReclusterTests
{
    private static byte[] Encode(LifeCycleClusters state)
    {
        var writer = new StateWriter();
        state.Write(writer);
        return writer.ToArray();
    }

    private static LifeCycleClusters Build(Scenario scenario, IEnumerable<Step> steps, LifeCycleClusters? state = null)
    {
        var engine = new LifeCycleEngine(scenario.Options);
        state ??= new LifeCycleClusters();
        foreach (var step in steps)
        {
            engine.Apply(state, step.ItemId, scenario.VectorOf(step.ItemId), step.Play, step.Duration, step.Ts);
        }
        return state;
    }

    private static readonly Gen<(Scenario Scenario, ulong Seed)> s_cases =
        from scenario in Scenario.Generator
        from seed in Gen.ULong
        select (scenario, seed);

    [Fact]
    public void Recluster_respects_gamma_keeps_the_log_and_is_deterministic_for_a_seed() =>
        DeterministicSamples.Check(s_cases, 40, c =>
        {
            var options = c.Scenario.Options;
            var source = Build(c.Scenario, c.Scenario.Steps);
            var sourceBytes = Encode(source);
            var result = LifeCycleRecluster.Run(source, 77, options, c.Seed);

            Assert.Equal(sourceBytes, Encode(source));   // pure: the source is untouched
            Assert.Equal(source.Version + 1, result.Version);
            Assert.Equal(77, result.CutoffOffset);
            Assert.Equal(source.LogLength, result.LogLength);
            StateInvariants.Check(result, options);

            // Fresh ids from the source's counter, in order of each cluster's oldest item.
            var clusters = ClusterSnapshot.Of(result);
            Assert.Equal(Enumerable.Range(source.NextClusterId, clusters.Count), clusters.Select(k => k.Id));
            Assert.True(clusters.Select(k => k.Positions[0]).SequenceEqual(clusters.Select(k => k.Positions[0]).Order()));
            // k-means with k = ceil(n / gamma) cannot need more than about n / gamma clusters per
            // group, but recursion can add a few; at least ceil(n / gamma) per group are needed.
            foreach (var group in clusters.GroupBy(k => k.Group))
            {
                var n = group.Sum(k => k.Positions.Length);
                Assert.True(group.Count() >= (n + options.LifeCycleMaxCluster - 1) / options.LifeCycleMaxCluster);
            }

            Assert.Equal(Encode(result), Encode(LifeCycleRecluster.Run(source, 77, options, c.Seed)));

            // The online step continues from the new version.
            Build(c.Scenario, c.Scenario.Steps.Take(30), result);
            StateInvariants.Check(result, options);
        }, salt: 4);

    [Fact]
    public void Recluster_of_one_repeated_item_cuts_the_log_in_order()
    {
        var options = FeatureOptions.Default;
        var engine = new LifeCycleEngine(options);
        var state = new LifeCycleClusters();
        for (var i = 0; i < 100; i++)
        {
            engine.Apply(state, 42, TestVectors.Hash(42, 32), 5_000, 10_000, i);
        }
        var result = LifeCycleRecluster.Run(state, 99, options);
        // k = ceil(100 / 16) = 7 runs: 15, 15, 14, 14, 14, 14, 14; ids continue after the online 0..11.
        var clusters = ClusterSnapshot.Of(result);
        Assert.Equal([15, 15, 14, 14, 14, 14, 14], clusters.Select(k => k.Positions.Length));
        Assert.Equal(Enumerable.Range(0, 100), clusters.SelectMany(k => k.Positions));
        Assert.Equal(Enumerable.Range(12, 7), clusters.Select(k => k.Id));
        Assert.Equal(19, result.NextClusterId);
    }

    [Fact]
    public void Recluster_separates_well_separated_topics()
    {
        // Three nearly orthogonal topics with little noise, 40 items each, one group: no cluster mixes topics.
        var options = FeatureOptions.Default;
        var engine = new LifeCycleEngine(options);
        var state = new LifeCycleClusters();
        for (var i = 0; i < 120; i++)
        {
            engine.Apply(state, i, TestVectors.Topical(i, 32, 3, 0.2, 5), 1_000, 1_000, i);
        }
        var result = LifeCycleRecluster.Run(state, 0, options, seed: 12345);
        foreach (var cluster in ClusterSnapshot.Of(result))
        {
            Assert.Single(cluster.Items.Select(item => item % 3).Distinct());
            Assert.InRange(cluster.Positions.Length, 1, 16);
        }
    }
}

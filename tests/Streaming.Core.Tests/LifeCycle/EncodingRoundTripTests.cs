using Streaming.Core.Encoding;
using Streaming.Core.Features;
using Streaming.Core.Features.LifeCycle;

namespace Streaming.Core.Tests.LifeCycle;

public sealed class EncodingRoundTripTests
{
    private static byte[] Encode(LifeCycleClusters state)
    {
        var writer = new StateWriter();
        state.Write(writer);
        return writer.ToArray();
    }

    private static LifeCycleClusters Decode(byte[] bytes, FeatureOptions options)
    {
        var reader = new StateReader(bytes);
        var state = LifeCycleClusters.Read(ref reader, 1, options);
        reader.EnsureEnd();
        return state;
    }

    [Fact]
    public void A_decoded_state_re_encodes_byte_identically_and_behaves_identically() =>
        DeterministicSamples.Check(Scenario.Generator, 40, scenario =>
        {
            var options = scenario.Options;
            var engine = new LifeCycleEngine(options);
            var original = new LifeCycleClusters();
            var half = scenario.Steps.Length / 2;
            foreach (var step in scenario.Steps[..half])
            {
                engine.Apply(original, step.ItemId, scenario.VectorOf(step.ItemId), step.Play, step.Duration, step.Ts);
            }
            var bytes = Encode(original);
            var decoded = Decode(bytes, options);
            Assert.Equal(bytes, Encode(decoded));
            Assert.Equal(ClusterSnapshot.Shape(original), ClusterSnapshot.Shape(decoded));
            Assert.Equal(original.LogLength, decoded.LogLength);
            Assert.Equal(original.NextClusterId, decoded.NextClusterId);
            StateInvariants.Check(decoded, options);

            foreach (var step in scenario.Steps[half..])
            {
                engine.Apply(original, step.ItemId, scenario.VectorOf(step.ItemId), step.Play, step.Duration, step.Ts);
                engine.Apply(decoded, step.ItemId, scenario.VectorOf(step.ItemId), step.Play, step.Duration, step.Ts);
            }
            Assert.Equal(Encode(original), Encode(decoded));
        }, salt: 3);

    [Fact]
    public void Version_and_cutoff_offset_round_trip()
    {
        var options = FeatureOptions.Default;
        var engine = new LifeCycleEngine(options);
        var state = new LifeCycleClusters();
        for (var i = 0; i < 40; i++)
        {
            engine.Apply(state, i % 7, TestVectors.Hash(i % 7, 32), 900, 1_000, i);
        }
        var reclustered = LifeCycleRecluster.Run(state, 123_456, options);
        var decoded = Decode(Encode(reclustered), options);
        Assert.Equal(1, decoded.Version);
        Assert.Equal(123_456, decoded.CutoffOffset);
    }

    [Fact]
    public void An_empty_state_round_trips()
    {
        var bytes = Encode(new LifeCycleClusters());
        var decoded = Decode(bytes, FeatureOptions.Default);
        Assert.Equal(0, decoded.LogLength);
        Assert.Equal(-1, decoded.CutoffOffset);
        Assert.Equal(bytes, Encode(decoded));
    }

    [Fact]
    public void Truncated_or_mismatched_bytes_are_malformed()
    {
        var options = FeatureOptions.Default;
        var engine = new LifeCycleEngine(options);
        var state = new LifeCycleClusters();
        for (var i = 0; i < 10; i++)
        {
            engine.Apply(state, i, TestVectors.Hash(i, 32), 900, 1_000, i);
        }
        var bytes = Encode(state);
        Assert.Throws<InvalidDataException>(() => Decode(bytes[..^3], options));
        Assert.Throws<InvalidDataException>(() => Decode(bytes, options with { EmbeddingDim = 16 }));
        Assert.Throws<InvalidDataException>(() =>
        {
            var reader = new StateReader(bytes);
            LifeCycleClusters.Read(ref reader, 2, options);
        });
    }
}

using Streaming.Training.Models.Uplift;
using Streaming.Training.Native;
using Xunit;
using static TorchSharp.torch;

namespace Streaming.Training.Tests.Uplift;

public sealed class HoME_pieces_hold_on_one_row
{
    private static readonly UpliftModelOptions s_options = new() { Experts = 4, ExpertWidth = 64, Seed = 21 };

    public HoME_pieces_hold_on_one_row()
    {
        TorchNativeLibrary.EnsureLoaded();
        TorchSharp.torch.set_num_threads(1);
    }

    [Fact]
    public void Every_expert_is_layer_normalised_before_its_scale_and_shift()
    {
        using var model = Trained();
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var trace = model.Network.Trace(UpliftFitting.Features(UpliftRows.Realistic(1, seed: 77), 1));
        var experts = trace.NormalisedExperts.data<float>().ToArray();

        Assert.Equal([1L, s_options.Experts, s_options.ExpertWidth], trace.NormalisedExperts.shape);
        foreach (var expert in experts.Chunk(s_options.ExpertWidth))
        {
            var mean = expert.Average(v => (double)v);
            var variance = expert.Average(v => (v - mean) * (v - mean));
            Assert.Equal(0, mean, 1e-5);
            Assert.Equal(1, variance, 1e-3);
        }
    }

    [Fact]
    public void Each_treatments_gate_is_a_distribution_over_the_experts()
    {
        using var model = Trained();
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var trace = model.Network.Trace(UpliftFitting.Features(UpliftRows.Realistic(1, seed: 78), 1));
        var gates = trace.Gates.data<float>().ToArray();

        Assert.Equal([1L, UpliftModel.Treatments, s_options.Experts], trace.Gates.shape);
        foreach (var gate in gates.Chunk(s_options.Experts))
        {
            Assert.All(gate, w => Assert.InRange(w, 0f, 1f));
            Assert.Equal(1, gate.Sum(w => (double)w), 1e-5);
        }

        // The gates are per treatment: after training they no longer coincide.
        var perTreatment = gates.Chunk(s_options.Experts).ToArray();
        Assert.True(perTreatment[1].Zip(perTreatment[0]).Max(p => Math.Abs(p.First - p.Second)) > 1e-4);
    }

    [Fact]
    public void The_feature_gate_starts_as_the_identity()
    {
        using var model = new UpliftModel(s_options);
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var x = randn(5, model.Network.InputWidth);

        var gate = 2 * model.Network.FeatureGateUp!.forward(model.Network.FeatureGateDown!.forward(x)).sigmoid();

        Assert.Equal(0, (gate - 1).abs().max().item<float>(), 1e-7);
    }

    // Trained a little, so the experts' scale and shift and the gates are no longer at their initial values.
    private static UpliftModel Trained()
    {
        var model = new UpliftModel(s_options);
        var data = UpliftToySet.Draw(512, seed: 9);
        UpliftFitting.Train(model, data.Rows, data.Labels, data.Treatments, epochs: 2, batchSize: 64, learningRate: 3e-3, seed: 2);
        return model;
    }
}

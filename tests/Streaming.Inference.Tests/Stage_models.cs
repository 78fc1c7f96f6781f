using Microsoft.ML.OnnxRuntime;
using Streaming.Inference.Contracts;
using Streaming.Inference.Models;
using Xunit;

namespace Streaming.Inference.Tests;

public sealed class Stage_models
{
    public static TheoryData<string> Stages => ["fatigue", "uplift"];

    [Theory]
    [MemberData(nameof(Stages))]
    public void Built_model_satisfies_its_contract_and_equals_the_plain_forward_pass(string stage)
    {
        var contract = StageContracts.Find(stage)!;
        var weights = StageWeights.Initialize(contract, seed: 42);
        using var session = TestModels.Sessions.Create(StageModelBuilder.Build(contract, weights));
        Assert.Empty(ContractValidator.Violations(contract, session));

        const int rows = 5;
        var rowInputs = Enumerable.Range(0, rows).Select(r => TestData.Row(contract, (ulong)r + 100)).ToArray();
        var outputs = Run(contract, session, rowInputs);
        for (var r = 0; r < rows; r++)
        {
            var expected = ReferenceForward.Stage(contract, weights, rowInputs[r]);
            for (var o = 0; o < contract.Outputs.Count; o++)
            {
                var size = contract.Outputs[o].RowSize;
                for (var k = 0; k < size; k++)
                {
                    Assert.Equal(expected[o][k], outputs[o][(r * size) + k], 1e-5);
                }
            }
        }
    }

    [Fact]
    public void The_same_seed_gives_the_same_bytes_and_another_seed_other_weights()
    {
        var contract = StageContracts.Fatigue;
        var a = StageModelBuilder.Build(contract, StageWeights.Initialize(contract, 7));
        var b = StageModelBuilder.Build(contract, StageWeights.Initialize(contract, 7));
        var c = StageWeights.Initialize(contract, 8);
        Assert.Equal(a, b);
        Assert.NotEqual(StageWeights.Initialize(contract, 7).Hidden[0].Weights, c.Hidden[0].Weights);
    }

    [Fact]
    public void Initial_weights_follow_the_linear_layer_default_bound_and_widths()
    {
        var contract = StageContracts.Uplift;
        var w = StageWeights.Initialize(contract, 3);
        Assert.Equal([217, 64], w.Hidden.Select(l => l.Inputs));
        Assert.Equal([64, 32], w.Hidden.Select(l => l.Outputs));
        var bound = 1 / Math.Sqrt(217);
        Assert.All(w.Hidden[0].Weights, v => Assert.InRange(v, -bound, bound));
        // Uniform, not degenerate: both signs and near the bound.
        Assert.True(w.Hidden[0].Weights.Max() > 0.9 * bound && w.Hidden[0].Weights.Min() < -0.9 * bound);
        Assert.Equal((32, 3), (w.Heads[0].Inputs, w.Heads[0].Outputs));
    }

    [Fact]
    public void Weights_that_do_not_chain_are_rejected()
    {
        var contract = StageContracts.Uplift;
        var ok = StageWeights.Initialize(contract, 1);
        var wrongHead = new DenseLayer(32, 2, new float[64], new float[2]);
        Assert.Throws<ArgumentException>(() => new StageWeights(contract, ok.Hidden, [wrongHead]));
        Assert.Throws<ArgumentException>(() => new StageWeights(contract, [ok.Hidden[1]], ok.Heads));
    }

    internal static float[][] Run(StageContract contract, InferenceSession session, float[][][] rowInputs)
    {
        var rows = rowInputs.Length;
        var values = contract.Inputs.Select((t, i) =>
            OrtValue.CreateTensorValueFromMemory(rowInputs.SelectMany(r => r[i]).ToArray(), t.ShapeFor(rows))).ToList();
        try
        {
            using var runOptions = new RunOptions();
            using var results = session.Run(runOptions, contract.Inputs.Select(t => t.Name).ToArray(), values, contract.Outputs.Select(t => t.Name).ToArray());
            return results.Select(r => r.GetTensorDataAsSpan<float>().ToArray()).ToArray();
        }
        finally
        {
            values.ForEach(v => v.Dispose());
        }
    }
}

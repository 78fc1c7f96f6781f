using Microsoft.ML.OnnxRuntime;
using Streaming.Inference.Benchmarking;
using Streaming.Inference.Contracts;
using Streaming.Inference.Models;
using Streaming.Inference.Serving;
using Xunit;

namespace Streaming.Inference.Tests;

public sealed class Provider_agreement
{
    [Theory]
    [InlineData("fatigue")]
    [InlineData("uplift")]
    public void The_same_model_on_differently_threaded_sessions_agrees_within_the_tolerance(string stage)
    {
        var contract = StageContracts.Find(stage)!;
        var onnx = StageModelBuilder.Build(contract, StageWeights.Initialize(contract, 3));
        using var one = new OnnxSessionFactory(InferenceOptions.Default).Create(onnx);
        using var two = new OnnxSessionFactory(InferenceOptions.Default with { IntraOpThreads = 2, IntraOpSpinning = true }).Create(onnx);

        var agreement = ProviderAgreement.Measure(contract, one, two, rows: 300, seed: 11);

        Assert.Equal(300L * contract.Outputs.Sum(o => o.RowSize), agreement.Values);
        Assert.True(agreement.Within(1e-4), agreement.ToString());
    }

    [Fact]
    public void A_different_model_is_caught()
    {
        var contract = StageContracts.Fatigue;
        using var first = Session(contract, seed: 1);
        using var second = Session(contract, seed: 2);

        var agreement = ProviderAgreement.Measure(contract, first, second, rows: 8, seed: 11);

        Assert.False(agreement.Within(1e-4), agreement.ToString());
        Assert.True(agreement.MaxAbsoluteError > 1e-3, agreement.ToString());
    }

    [Fact]
    public void The_comparison_sees_every_output_of_the_contract()
    {
        // Two models equal in p_engage but not in fatigue: only the second output differs.
        var contract = StageContracts.Fatigue;
        var weights = StageWeights.Initialize(contract, 5);
        var changed = StageWeights.Initialize(contract, 5);
        var fatigueHead = changed.Heads[contract.OutputIndex("fatigue")];
        fatigueHead.Bias[0] += 0.5f;
        using var reference = new OnnxSessionFactory(InferenceOptions.Default).Create(StageModelBuilder.Build(contract, weights));
        using var candidate = new OnnxSessionFactory(InferenceOptions.Default).Create(StageModelBuilder.Build(contract, changed));

        var agreement = ProviderAgreement.Measure(contract, reference, candidate, rows: 4, seed: 11);

        Assert.False(agreement.Within(1e-4), agreement.ToString());
    }

    private static InferenceSession Session(StageContract contract, ulong seed) =>
        new OnnxSessionFactory(InferenceOptions.Default).Create(StageModelBuilder.Build(contract, StageWeights.Initialize(contract, seed)));
}

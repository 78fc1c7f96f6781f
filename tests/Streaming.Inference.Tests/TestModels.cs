using Streaming.Inference.Contracts;
using Streaming.Inference.Models;
using Streaming.Inference.Serving;

namespace Streaming.Inference.Tests;

/// <summary>Builds and loads stage models for tests.</summary>
internal static class TestModels
{
    public static readonly OnnxSessionFactory Sessions = new(InferenceOptions.Default);

    public static LoadedModel Load(StageContract contract, StageWeights weights, long version) =>
        Load(contract.Stage, StageModelBuilder.Build(contract, weights), version);

    public static LoadedModel Load(string stage, byte[] onnx, long version) =>
        new(stage, version, Sessions.Create(onnx));

    /// <summary>Weights whose first hidden layer holds a NaN: every output is NaN.</summary>
    public static StageWeights WithNaN(StageContract contract, ulong seed)
    {
        var weights = StageWeights.Initialize(contract, seed);
        weights.Hidden[0].Weights[0] = float.NaN;
        return weights;
    }

    /// <summary>A contract like <paramref name="contract"/> but with its first input one element narrower.</summary>
    public static StageContract Narrowed(StageContract contract)
    {
        var inputs = contract.Inputs.Select((t, i) =>
            $$"""{ "name": "{{t.Name}}", "type": "float32", "shape": ["N"{{string.Concat(t.Dimensions.Skip(1).Select((d, k) => $", {(i == 0 && k == t.Rank - 2 ? d - 1 : d)}"))}}] }""");
        var outputs = contract.Outputs.Select(t =>
            $$"""{ "name": "{{t.Name}}", "type": "float32", "shape": ["N"{{string.Concat(t.Dimensions.Skip(1).Select(d => $", {d}"))}}] }""");
        var json = $$"""
            { "stage": "{{contract.Stage}}", "contract_version": {{contract.ContractVersion}},
              "inputs": [{{string.Join(",", inputs)}}], "outputs": [{{string.Join(",", outputs)}}] }
            """;
        return StageContract.Parse(json);
    }
}

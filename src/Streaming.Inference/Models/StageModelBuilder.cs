using Streaming.Inference.Contracts;
using Streaming.Inference.Onnx;

namespace Streaming.Inference.Models;

/// <summary>
/// Writes the ONNX model of a stage from its weights. Graph: every input of rank above 2 is
/// flattened to [N, row size]; the inputs are concatenated in contract order; then
/// Gemm+Relu per hidden layer; then per output a Gemm+Sigmoid head named as the output (reshaped
/// when the output's rank is above 2). The result satisfies the contract by construction.
/// </summary>
public static class StageModelBuilder
{
    /// <summary>The serialised ONNX model of <paramref name="weights"/> for <paramref name="contract"/>.</summary>
    public static byte[] Build(StageContract contract, StageWeights weights, string producerVersion = "1")
    {
        ArgumentNullException.ThrowIfNull(contract);
        ArgumentNullException.ThrowIfNull(weights);
        var graph = new OnnxGraphBuilder(contract.Stage);
        var parts = new List<string>();
        foreach (var input in contract.Inputs)
        {
            var name = graph.AddInput(input.Name, input.OnnxShape());
            parts.Add(input.Rank > 2 ? graph.Flatten(name, axis: 1) : name);
        }

        var h = parts.Count == 1 ? parts[0] : graph.Concat(parts, axis: 1);
        foreach (var layer in weights.Hidden)
        {
            h = graph.Relu(graph.Dense(h, layer.Weights, layer.Bias, layer.Inputs, layer.Outputs));
        }

        for (var i = 0; i < contract.Outputs.Count; i++)
        {
            var output = contract.Outputs[i];
            var head = weights.Heads[i];
            var logits = graph.Dense(h, head.Weights, head.Bias, head.Inputs, head.Outputs);
            if (output.Rank > 2)
            {
                var sigmoid = graph.Sigmoid(logits);
                var shape = output.ShapeFor(-1);
                graph.Reshape(sigmoid, shape, output: output.Name);
            }
            else
            {
                graph.Sigmoid(logits, output: output.Name);
            }

            graph.AddOutput(output.Name, output.OnnxShape());
        }

        return graph.ToBytes(producerVersion);
    }
}

using Streaming.Inference.Contracts;
using Streaming.Inference.Onnx;
using Streaming.Training.Export;

namespace Streaming.Training.Models.Uplift;

/// <summary>
/// Writes <see cref="UpliftNetwork"/>'s forward pass as an ONNX graph over the contract's inputs,
/// operator for operator, ending in a Sigmoid named as the contract output.
/// </summary>
internal static class UpliftOnnxExport
{
    internal static byte[] Write(UpliftNetwork network, StageContract contract, string producerVersion)
    {
        var options = network.Options;
        var experts = options.Experts;
        var width = options.ExpertWidth;
        var treatments = network.Treatments;
        var graph = new OnnxGraphBuilder(contract.Stage);
        foreach (var input in contract.Inputs)
        {
            graph.AddInput(input.Name, input.OnnxShape());
        }

        var x = graph.Concat([graph.Mul("context", "context_mask"), "context_mask", "request_shares"], axis: 1);

        var gated = x;
        if (network.FeatureGateDown is { } down && network.FeatureGateUp is { } up)
        {
            var gate = graph.Sigmoid(TorchWeights.Dense(graph, TorchWeights.Dense(graph, x, down), up));
            gated = graph.Mul(x, graph.Mul(gate, graph.Constant([2f], [1])));
        }

        var expertsFlat = TorchWeights.Dense(graph, gated, network.Experts);
        var expertsByRow = graph.Reshape(expertsFlat, [-1, experts, width]);
        var ones = Enumerable.Repeat(1f, width).ToArray();
        var normalised = graph.LayerNorm(expertsByRow, ones, new float[width], (float)UpliftNetwork.LayerNormEpsilon);
        var scale = graph.Constant(TorchWeights.Values(network.ExpertScale), [experts, width]);
        var shift = graph.Constant(TorchWeights.Values(network.ExpertShift), [experts, width]);
        var activated = Swish(graph, graph.Add(graph.Mul(normalised, scale), shift));

        var gateLogits = graph.Reshape(TorchWeights.Dense(graph, x, network.Gates), [-1, treatments, experts]);
        var gates = graph.Softmax(gateLogits, axis: -1);
        var mixed = graph.MatMul(gates, activated); // [N, T, E] x [N, E, H] -> [N, T, H]

        var logits = new string[treatments];
        for (var t = 0; t < treatments; t++)
        {
            var own = graph.Squeeze(graph.Slice(mixed, [t], [t + 1], [1]), [1]);
            var hidden = Swish(graph, TorchWeights.Dense(graph, own, network.TowerHidden(t)));
            logits[t] = TorchWeights.Dense(graph, hidden, network.TowerOut(t));
        }

        var output = contract.Outputs.Single();
        graph.Sigmoid(graph.Concat(logits, axis: 1), output: output.Name);
        graph.AddOutput(output.Name, output.OnnxShape());
        return graph.ToBytes(producerVersion);
    }

    private static string Swish(OnnxGraphBuilder graph, string x) => graph.Mul(x, graph.Sigmoid(x));
}

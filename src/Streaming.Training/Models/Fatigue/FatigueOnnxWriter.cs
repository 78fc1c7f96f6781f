using Streaming.Inference.Contracts;
using Streaming.Inference.Onnx;
using Streaming.Training.Export;

namespace Streaming.Training.Models.Fatigue;

/// <summary>
/// Writes <see cref="FatigueNetwork"/>'s forward pass without item-ID offsets (the item vector
/// comes in as served) as an ONNX graph satisfying the <c>fatigue</c> contract: one graph input per
/// contract input, outputs <c>p_engage</c> and <c>fatigue</c> [N, 1]. Mirrors
/// <see cref="FatigueNetwork.Logits"/> line for line.
/// </summary>
internal static class FatigueOnnxWriter
{
    public static byte[] Write(FatigueNetwork network, StageContract contract, string producerVersion)
    {
        var dims = network.Dims;
        var options = network.Options;
        var g = new OnnxGraphBuilder(contract.Stage);
        foreach (var input in contract.Inputs)
        {
            g.AddInput(input.Name, input.OnnxShape());
        }

        const string itemVector = "item_vector", recentVectors = "recent_vectors", recentMask = "recent_mask",
            fatigueM = "fatigue_m", fatigueMMask = "fatigue_m_mask", simInput = "sim", counts = "counts",
            timeFeatures = "time_features", timeMask = "time_mask", clusterSummary = "cluster_summary";

        // e = x / √(|x|² + ε)
        var sumSquares = g.ReduceSum(g.Mul(itemVector, itemVector), [1], keepDims: true);
        var e = g.Div(itemVector, g.Sqrt(g.Add(sumSquares, g.Constant([FatigueNetwork.NormEpsilon], [1]))));

        // Interest branch.
        var recentSum = g.ReduceSum(g.Mul(recentVectors, g.Unsqueeze(recentMask, [2])), [1], keepDims: false);
        var recentCount = g.Add(g.ReduceSum(recentMask, [1], keepDims: true), g.Constant([1f], [1]));
        var recentMean = g.Div(recentSum, recentCount);
        var interestIn = g.Concat([e, g.Mul(e, recentMean), recentMean, clusterSummary], axis: 1);
        var interest = TorchWeights.Dense(g, g.Relu(TorchWeights.Dense(g, interestIn, network.InterestHidden)), network.InterestOut);

        // Fatigue branch: cross layers.
        var m = g.Mul(fatigueM, fatigueMMask);
        var sim = g.Mul(simInput, recentMask);
        var x0 = g.Concat(
            [g.Flatten(m, 1), g.Flatten(fatigueMMask, 1), sim, recentMask, g.Mul(counts, g.Constant([options.CountScale], [1]))],
            axis: 1);
        var h = x0;
        foreach (var layer in network.Cross)
        {
            h = g.Add(g.Mul(x0, TorchWeights.Dense(g, h, layer)), h);
        }

        // Temporal module.
        var time = g.Mul(g.Mul(timeFeatures, timeMask), g.Constant([options.TimeScale], [1]));
        var alignment = g.Constant(dims.GapAlignment(), [dims.TimeFeatures, dims.Recent]);
        var gap = g.MatMul(time, alignment);
        var gapMask = g.MatMul(timeMask, alignment);
        var channels = g.Concat(
            [
                g.Unsqueeze(sim, [1]), g.Unsqueeze(recentMask, [1]), g.Unsqueeze(gap, [1]), g.Unsqueeze(gapMask, [1]),
                g.Transpose(m, [0, 2, 1]), g.Transpose(fatigueMMask, [0, 2, 1]),
            ],
            axis: 1);
        foreach (var conv in network.Convs)
        {
            var w = conv.weight!;
            var bias = conv.bias is null ? new float[w.shape[0]] : TorchWeights.Values(conv.bias);
            channels = g.Relu(g.Conv1d(
                channels, TorchWeights.Values(w), bias, (int)w.shape[1], (int)w.shape[0], (int)w.shape[2],
                padLeft: options.ConvKernel - 1, padRight: 0));
        }

        var newest = g.Flatten(g.Slice(channels, [dims.Recent - 1], [dims.Recent], [2]), 1);
        var meanOverTime = g.ReduceMean(channels, [2], keepDims: false);
        var fatigueIn = g.Concat([h, newest, meanOverTime, time, timeMask], axis: 1);
        var fatigue = TorchWeights.Dense(g, g.Relu(TorchWeights.Dense(g, fatigueIn, network.FatigueHidden)), network.FatigueOut);

        // FRec: p = σ(interest − tanh(fatigue)); the fatigue output is σ(fatigue).
        g.Sigmoid(g.Sub(interest, g.Tanh(fatigue)), output: "p_engage");
        g.Sigmoid(fatigue, output: "fatigue");
        foreach (var output in contract.Outputs)
        {
            g.AddOutput(output.Name, output.OnnxShape());
        }

        return g.ToBytes(producerVersion);
    }
}

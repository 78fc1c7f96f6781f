using Streaming.Inference.Contracts;
using Streaming.Inference.Models;

namespace Streaming.Inference.Tests;

/// <summary>
/// A plain C# forward pass of a stage model, written from the graph's definition (flatten,
/// concatenate, Linear+ReLU, Linear+sigmoid heads) and independent of ONNX Runtime.
/// </summary>
internal static class ReferenceForward
{
    /// <summary>y = W·x + b in PyTorch's [out, in] layout, in double.</summary>
    public static double[] Linear(DenseLayer layer, double[] x)
    {
        var y = new double[layer.Outputs];
        for (var o = 0; o < layer.Outputs; o++)
        {
            var sum = (double)layer.Bias[o];
            for (var i = 0; i < layer.Inputs; i++)
            {
                sum += layer.Weights[(o * layer.Inputs) + i] * x[i];
            }

            y[o] = sum;
        }

        return y;
    }

    public static double[] Relu(double[] x) => x.Select(v => Math.Max(v, 0)).ToArray();

    public static double[] Sigmoid(double[] x) => x.Select(v => 1.0 / (1.0 + Math.Exp(-v))).ToArray();

    /// <summary>
    /// The outputs of one row: <paramref name="rowInputs"/>[i] is the row of input i (its row size);
    /// returns one array per contract output.
    /// </summary>
    public static double[][] Stage(StageContract contract, StageWeights weights, IReadOnlyList<float[]> rowInputs)
    {
        var x = rowInputs.SelectMany(r => r).Select(v => (double)v).ToArray();
        if (x.Length != StageWeights.InputWidth(contract))
        {
            throw new ArgumentException("row width mismatch");
        }

        foreach (var layer in weights.Hidden)
        {
            x = Relu(Linear(layer, x));
        }

        return weights.Heads.Select(h => Sigmoid(Linear(h, x))).ToArray();
    }
}

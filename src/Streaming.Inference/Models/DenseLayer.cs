namespace Streaming.Inference.Models;

/// <summary>
/// The weights of one fully connected layer in PyTorch's <c>nn.Linear</c> layout, so a TorchSharp
/// trainer hands its tensors over unchanged: y = x·Wᵀ + b, <see cref="Weights"/> [outputs, inputs]
/// row-major, <see cref="Bias"/> [outputs].
/// </summary>
public sealed class DenseLayer
{
    /// <summary>Wraps the arrays (not copied: the caller must not change them afterwards).</summary>
    public DenseLayer(int inputs, int outputs, float[] weights, float[] bias)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputs);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputs);
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(bias);
        if (weights.Length != (long)inputs * outputs || bias.Length != outputs)
        {
            throw new ArgumentException(
                $"A {inputs}->{outputs} layer needs {inputs * outputs} weights and {outputs} biases, got {weights.Length} and {bias.Length}.");
        }

        Inputs = inputs;
        Outputs = outputs;
        Weights = weights;
        Bias = bias;
    }

    /// <summary>The input width.</summary>
    public int Inputs { get; }

    /// <summary>The output width.</summary>
    public int Outputs { get; }

    /// <summary>[outputs, inputs], row-major.</summary>
    public float[] Weights { get; }

    /// <summary>[outputs].</summary>
    public float[] Bias { get; }
}

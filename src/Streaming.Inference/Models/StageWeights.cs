using Streaming.Core.Randomness;
using Streaming.Inference.Contracts;

namespace Streaming.Inference.Models;

/// <summary>
/// The weights of a stage model: the contract's inputs flattened and concatenated into one row of
/// <see cref="InputWidth(StageContract)"/> features, hidden layers each followed by ReLU, then one
/// sigmoid head per contract output (in the contract's order) reading the last hidden layer.
/// Plain float arrays, so the trainer fills them from its tensors and reuses
/// <see cref="StageModelBuilder"/>.
/// </summary>
public sealed class StageWeights
{
    /// <summary>The hidden widths used when none are given.</summary>
    public static IReadOnlyList<int> DefaultHidden { get; } = [64, 32];

    /// <summary>Wraps the layers and checks that their widths chain for <paramref name="contract"/>.</summary>
    public StageWeights(StageContract contract, IReadOnlyList<DenseLayer> hidden, IReadOnlyList<DenseLayer> heads)
    {
        ArgumentNullException.ThrowIfNull(contract);
        ArgumentNullException.ThrowIfNull(hidden);
        ArgumentNullException.ThrowIfNull(heads);
        var width = InputWidth(contract);
        for (var i = 0; i < hidden.Count; i++)
        {
            if (hidden[i].Inputs != width)
            {
                throw new ArgumentException($"Hidden layer {i} takes {hidden[i].Inputs} inputs, expected {width}.");
            }

            width = hidden[i].Outputs;
        }

        if (heads.Count != contract.Outputs.Count)
        {
            throw new ArgumentException($"Stage '{contract.Stage}' has {contract.Outputs.Count} outputs, got {heads.Count} heads.");
        }

        for (var i = 0; i < heads.Count; i++)
        {
            if (heads[i].Inputs != width || heads[i].Outputs != contract.Outputs[i].RowSize)
            {
                throw new ArgumentException(
                    $"Head '{contract.Outputs[i].Name}' must map {width} to {contract.Outputs[i].RowSize}, got {heads[i].Inputs} to {heads[i].Outputs}.");
            }
        }

        Hidden = hidden;
        Heads = heads;
    }

    /// <summary>The hidden layers, input side first; each is followed by ReLU.</summary>
    public IReadOnlyList<DenseLayer> Hidden { get; }

    /// <summary>One head per contract output, in the contract's order; each is followed by a sigmoid.</summary>
    public IReadOnlyList<DenseLayer> Heads { get; }

    /// <summary>The width of the concatenated input row: the sum of the inputs' row sizes.</summary>
    public static int InputWidth(StageContract contract) => contract.Inputs.Sum(t => t.RowSize);

    /// <summary>
    /// Deterministic initial weights from <paramref name="seed"/>: PyTorch's default for
    /// <c>nn.Linear</c>, uniform in ±1/√fan_in for weights and biases, drawn from SplitMix64 so the
    /// same seed gives the same model everywhere. Lets a node score with a real model from its first
    /// request, before any training.
    /// </summary>
    public static StageWeights Initialize(StageContract contract, ulong seed, IReadOnlyList<int>? hidden = null)
    {
        ArgumentNullException.ThrowIfNull(contract);
        hidden ??= DefaultHidden;
        var random = new SplitMix64(seed);
        var width = InputWidth(contract);
        var layers = new List<DenseLayer>();
        foreach (var outputs in hidden)
        {
            layers.Add(RandomLayer(ref random, width, outputs));
            width = outputs;
        }

        var heads = contract.Outputs.Select(o => RandomLayer(ref random, width, o.RowSize)).ToList();
        return new StageWeights(contract, layers, heads);
    }

    // Uniform in [-bound, bound), as nn.Linear's default initialisation draws.
    private static float NextSymmetric(ref SplitMix64 random, double bound) => (float)(((random.NextDouble() * 2.0) - 1.0) * bound);

    private static DenseLayer RandomLayer(ref SplitMix64 random, int inputs, int outputs)
    {
        var bound = 1.0 / Math.Sqrt(inputs);
        var weights = new float[inputs * outputs];
        for (var i = 0; i < weights.Length; i++)
        {
            weights[i] = NextSymmetric(ref random, bound);
        }

        var bias = new float[outputs];
        for (var i = 0; i < bias.Length; i++)
        {
            bias[i] = NextSymmetric(ref random, bound);
        }

        return new DenseLayer(inputs, outputs, weights, bias);
    }
}

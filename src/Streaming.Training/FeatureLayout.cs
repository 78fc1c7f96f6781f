using Streaming.Inference.Contracts;

namespace Streaming.Training;

/// <summary>
/// Where each named input of a stage contract sits in a flattened feature row (the layout of
/// <c>TrainingSample.features</c>: inputs in contract order, each row-major).
/// </summary>
public sealed class FeatureLayout
{
    private readonly Dictionary<string, FeatureSlice> _slices;

    private FeatureLayout(StageContract contract, IReadOnlyList<FeatureSlice> slices)
    {
        Contract = contract;
        Slices = slices;
        _slices = slices.ToDictionary(s => s.Name, StringComparer.Ordinal);
        RowLength = slices.Count == 0 ? 0 : slices[^1].Offset + slices[^1].Length;
    }

    /// <summary>The contract the layout follows.</summary>
    public StageContract Contract { get; }

    /// <summary>Every input, in contract order.</summary>
    public IReadOnlyList<FeatureSlice> Slices { get; }

    /// <summary>Values in one flattened row.</summary>
    public int RowLength { get; }

    /// <summary>The slice of the input named <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">The contract has no such input.</exception>
    public FeatureSlice this[string name] => _slices.TryGetValue(name, out var slice)
        ? slice
        : throw new KeyNotFoundException($"Stage '{Contract.Stage}' has no input named '{name}'.");

    /// <summary>The layout of <paramref name="contract"/>'s inputs.</summary>
    public static FeatureLayout Of(StageContract contract)
    {
        ArgumentNullException.ThrowIfNull(contract);
        var slices = new List<FeatureSlice>(contract.Inputs.Count);
        var offset = 0;
        foreach (var input in contract.Inputs)
        {
            var shape = input.Dimensions.Skip(1).ToArray();
            slices.Add(new FeatureSlice(input.Name, offset, input.RowSize, shape));
            offset += input.RowSize;
        }

        return new FeatureLayout(contract, slices);
    }
}

using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Streaming.Inference.Contracts;

/// <summary>
/// Compares a loaded model's signature, as ONNX Runtime reports it, with a stage contract: the
/// same input and output names (no more, no fewer), float32 tensors, the same ranks, a symbolic
/// batch dimension first and the same fixed dimensions after it.
/// </summary>
public static class ContractValidator
{
    /// <summary>
    /// The ways <paramref name="session"/> breaks <paramref name="contract"/>, one readable line
    /// each; empty when it satisfies the contract.
    /// </summary>
    public static IReadOnlyList<string> Violations(StageContract contract, InferenceSession session)
    {
        ArgumentNullException.ThrowIfNull(contract);
        ArgumentNullException.ThrowIfNull(session);
        var violations = new List<string>();
        Compare("input", contract.Inputs, session.InputMetadata, violations);
        Compare("output", contract.Outputs, session.OutputMetadata, violations);
        return violations;
    }

    private static void Compare(
        string kind,
        IReadOnlyList<ContractTensor> expected,
        IReadOnlyDictionary<string, NodeMetadata> actual,
        List<string> violations)
    {
        foreach (var tensor in expected)
        {
            if (!actual.TryGetValue(tensor.Name, out var meta))
            {
                violations.Add($"{kind} '{tensor.Name}' is missing");
                continue;
            }

            if (!meta.IsTensor || meta.ElementDataType != TensorElementType.Float)
            {
                violations.Add($"{kind} '{tensor.Name}' is {meta.OnnxValueType}/{meta.ElementDataType}, expected a float32 tensor");
                continue;
            }

            var dims = meta.Dimensions;
            if (dims.Length != tensor.Rank)
            {
                violations.Add($"{kind} '{tensor.Name}' has rank {dims.Length}, expected {tensor.Rank}");
                continue;
            }

            if (dims[0] != -1)
            {
                violations.Add($"{kind} '{tensor.Name}' has a fixed batch dimension {dims[0]}, expected symbolic '{tensor.BatchDimension}'");
            }

            for (var i = 1; i < dims.Length; i++)
            {
                if (dims[i] != tensor.Dimensions[i])
                {
                    violations.Add($"{kind} '{tensor.Name}' dimension {i} is {dims[i]}, expected {tensor.Dimensions[i]}");
                }
            }
        }

        foreach (var name in actual.Keys)
        {
            if (!expected.Any(t => t.Name == name))
            {
                violations.Add($"unexpected {kind} '{name}'");
            }
        }
    }
}

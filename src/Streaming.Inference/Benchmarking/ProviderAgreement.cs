using Microsoft.ML.OnnxRuntime;
using Streaming.Inference.Contracts;

namespace Streaming.Inference.Benchmarking;

/// <summary>
/// Runs one stage model on two sessions (say the CPU provider and CUDA) over the same random,
/// never-zero inputs and compares their outputs. Cold path: allocates freely.
/// </summary>
public static class ProviderAgreement
{
    /// <summary>
    /// Compares every output of <paramref name="candidate"/> with <paramref name="reference"/> on a
    /// batch of <paramref name="rows"/> rows drawn from <paramref name="seed"/>; all outputs of the
    /// contract together make one comparison.
    /// </summary>
    public static OutputAgreement Measure(StageContract contract, InferenceSession reference, InferenceSession candidate, int rows, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(contract);
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        var state = seed;
        var inputs = new List<OrtValue>();
        try
        {
            foreach (var tensor in contract.Inputs)
            {
                var data = new float[rows * tensor.RowSize];
                BenchmarkInputs.Fill(data, ref state);
                inputs.Add(OrtValue.CreateTensorValueFromMemory(data, tensor.ShapeFor(rows)));
            }

            var expected = Outputs(contract, reference, inputs);
            var actual = Outputs(contract, candidate, inputs);
            return OutputAgreement.Compare(expected, actual);
        }
        finally
        {
            foreach (var input in inputs)
            {
                input.Dispose();
            }
        }
    }

    // Every output of the contract, in contract order, end to end.
    private static float[] Outputs(StageContract contract, InferenceSession session, IReadOnlyCollection<OrtValue> inputs)
    {
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, contract.Inputs.Select(t => t.Name).ToArray(), inputs, contract.Outputs.Select(t => t.Name).ToArray());
        return outputs.SelectMany(o => o.GetTensorDataAsSpan<float>().ToArray()).ToArray();
    }
}

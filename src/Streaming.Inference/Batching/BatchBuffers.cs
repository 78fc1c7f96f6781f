using Microsoft.ML.OnnxRuntime;
using Streaming.Inference.Contracts;

namespace Streaming.Inference.Batching;

/// <summary>
/// The input and output tensors of one batch runner, allocated once: one pinned array per
/// contract tensor sized for <see cref="Capacity"/> rows, and, per row count, ONNX Runtime values
/// that view those arrays (created the first time a batch of that size runs, then reused). A
/// batch copies rows in, runs, and copies rows out; nothing proportional to the batch is allocated.
/// Used by one thread at a time.
/// </summary>
internal sealed class BatchBuffers : IDisposable
{
    private readonly StageContract _contract;
    private readonly float[][] _inputs;
    private readonly float[][] _outputs;
    private readonly OrtValue[]?[] _inputValues;
    private readonly OrtValue[]?[] _outputValues;
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;

    public BatchBuffers(StageContract contract, int capacity)
    {
        _contract = contract;
        Capacity = capacity;
        // Pinned (pinned object heap): ONNX Runtime reads and writes them in place, and the GC never
        // moves or copies these large arrays.
        _inputs = contract.Inputs.Select(t => GC.AllocateArray<float>(capacity * t.RowSize, pinned: true)).ToArray();
        _outputs = contract.Outputs.Select(t => GC.AllocateArray<float>(capacity * t.RowSize, pinned: true)).ToArray();
        _inputValues = new OrtValue[]?[capacity + 1];
        _outputValues = new OrtValue[]?[capacity + 1];
        _inputNames = contract.Inputs.Select(t => t.Name).ToArray();
        _outputNames = contract.Outputs.Select(t => t.Name).ToArray();
    }

    public int Capacity { get; }

    /// <summary>Rows [<paramref name="firstRow"/>, +<paramref name="rows"/>) of input <paramref name="input"/>.</summary>
    public Span<float> InputRows(int input, int firstRow, int rows)
    {
        var size = _contract.Inputs[input].RowSize;
        return _inputs[input].AsSpan(firstRow * size, rows * size);
    }

    /// <summary>Rows [<paramref name="firstRow"/>, +<paramref name="rows"/>) of output <paramref name="output"/>.</summary>
    public ReadOnlySpan<float> OutputRows(int output, int firstRow, int rows)
    {
        var size = _contract.Outputs[output].RowSize;
        return _outputs[output].AsSpan(firstRow * size, rows * size);
    }

    /// <summary>Runs the first <paramref name="rows"/> rows through <paramref name="session"/>, outputs in place.</summary>
    public void Run(InferenceSession session, RunOptions runOptions, int rows)
    {
        var inputs = _inputValues[rows] ?? CreateValues(_contract.Inputs, _inputs, rows, _inputValues);
        var outputs = _outputValues[rows] ?? CreateValues(_contract.Outputs, _outputs, rows, _outputValues);
        session.Run(runOptions, _inputNames, inputs, _outputNames, outputs);
    }

    public void Dispose()
    {
        foreach (var set in _inputValues.Concat(_outputValues))
        {
            if (set is null)
            {
                continue;
            }

            foreach (var value in set)
            {
                value.Dispose();
            }
        }

        Array.Clear(_inputValues);
        Array.Clear(_outputValues);
    }

    private static OrtValue[] CreateValues(IReadOnlyList<ContractTensor> tensors, float[][] arrays, int rows, OrtValue[]?[] cache)
    {
        var values = new OrtValue[tensors.Count];
        for (var i = 0; i < values.Length; i++)
        {
            var memory = new Memory<float>(arrays[i], 0, rows * tensors[i].RowSize);
            values[i] = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, memory, tensors[i].ShapeFor(rows));
        }

        cache[rows] = values;
        return values;
    }
}

using Microsoft.ML.OnnxRuntime;
using Streaming.Inference.Batching;
using Streaming.Inference.Contracts;

namespace Streaming.Inference.Benchmarking;

/// <summary><see cref="BatchMemory.Managed"/>: the micro-batcher's own <see cref="BatchBuffers"/>.</summary>
internal sealed class ManagedBatchRunner : IBatchRunner
{
    private readonly InferenceSession _session;
    private readonly BatchBuffers _buffers;
    private readonly RunOptions _runOptions = new();
    private int _rows;

    public ManagedBatchRunner(StageContract contract, InferenceSession session, int capacity)
    {
        _session = session;
        _buffers = new BatchBuffers(contract, capacity);
        var state = 0x9E3779B97F4A7C15UL;
        for (var i = 0; i < contract.Inputs.Count; i++)
        {
            BenchmarkInputs.Fill(_buffers.InputRows(i, 0, capacity), ref state);
        }
    }

    public void Prepare(int rows)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rows, _buffers.Capacity);
        _rows = rows;
    }

    public void Run() => _buffers.Run(_session, _runOptions, _rows);

    public void Dispose()
    {
        _buffers.Dispose();
        _runOptions.Dispose();
    }
}

using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Streaming.Inference.Contracts;

namespace Streaming.Inference.Benchmarking;

/// <summary>
/// <see cref="BatchMemory.CudaPinned"/> and <see cref="BatchMemory.CudaDevice"/>: tensors allocated
/// by the session's own allocator for a memory kind and bound once per batch size with IoBinding,
/// so a run neither marshals names nor stages copies. Device-memory inputs are left as the
/// allocator returned them: their values do not change the time of the stage models' operators.
/// </summary>
internal sealed class BoundBatchRunner : IBatchRunner
{
    private readonly StageContract _contract;
    private readonly InferenceSession _session;
    private readonly OrtMemoryInfo _memory;
    private readonly OrtAllocator _allocator;
    private readonly OrtIoBinding _binding;
    private readonly RunOptions _runOptions = new();
    private readonly bool _hostAccessible;
    private readonly List<OrtValue> _inputs = [];
    private readonly List<OrtValue> _outputs = [];

    private BoundBatchRunner(StageContract contract, InferenceSession session, OrtMemoryInfo memory, bool hostAccessible)
    {
        _contract = contract;
        _session = session;
        _memory = memory;
        _hostAccessible = hostAccessible;
        try
        {
            _allocator = new OrtAllocator(session, memory);
            _binding = session.CreateIoBinding();
        }
        catch
        {
            _allocator?.Dispose();
            memory.Dispose();
            _runOptions.Dispose();
            throw;
        }
    }

    /// <summary>Page-locked host memory of the CUDA provider on <paramref name="deviceId"/>.</summary>
    public static BoundBatchRunner CudaPinned(StageContract contract, InferenceSession session, int deviceId) =>
        new(contract, session, new OrtMemoryInfo(OrtMemoryInfo.allocatorCUDA_PINNED, OrtAllocatorType.DeviceAllocator, deviceId, OrtMemType.CpuOutput), hostAccessible: true);

    /// <summary>Device memory of the CUDA provider on <paramref name="deviceId"/>.</summary>
    public static BoundBatchRunner CudaDevice(StageContract contract, InferenceSession session, int deviceId) =>
        new(contract, session, new OrtMemoryInfo(OrtMemoryInfo.allocatorCUDA, OrtAllocatorType.DeviceAllocator, deviceId, OrtMemType.Default), hostAccessible: false);

    /// <summary>Ordinary CPU memory: the same binding path on any build (the tests' way in).</summary>
    public static BoundBatchRunner Cpu(StageContract contract, InferenceSession session) =>
        new(contract, session, new OrtMemoryInfo(OrtMemoryInfo.allocatorCPU, OrtAllocatorType.DeviceAllocator, 0, OrtMemType.Default), hostAccessible: true);

    public void Prepare(int rows)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        _binding.ClearBoundInputs();
        _binding.ClearBoundOutputs();
        Release();
        var state = 0x9E3779B97F4A7C15UL;
        foreach (var tensor in _contract.Inputs)
        {
            var value = Allocate(tensor, rows, _inputs);
            if (_hostAccessible)
            {
                BenchmarkInputs.Fill(value.GetTensorMutableDataAsSpan<float>(), ref state);
            }

            _binding.BindInput(tensor.Name, value);
        }

        foreach (var tensor in _contract.Outputs)
        {
            _binding.BindOutput(tensor.Name, Allocate(tensor, rows, _outputs));
        }
    }

    public void Run() => _session.RunWithBinding(_runOptions, _binding);

    /// <summary>The prepared input <paramref name="input"/>'s values (host memory only).</summary>
    public ReadOnlySpan<float> Input(int input) => HostValues(_inputs, input);

    /// <summary>Output <paramref name="output"/>'s values after <see cref="Run"/> (host memory only).</summary>
    public ReadOnlySpan<float> Output(int output) => HostValues(_outputs, output);

    public void Dispose()
    {
        Release();
        _binding.Dispose();
        _allocator.Dispose();
        _memory.Dispose();
        _runOptions.Dispose();
    }

    private OrtValue Allocate(ContractTensor tensor, int rows, List<OrtValue> owner)
    {
        var value = OrtValue.CreateAllocatedTensorValue(_allocator, TensorElementType.Float, tensor.ShapeFor(rows));
        owner.Add(value);
        return value;
    }

    private ReadOnlySpan<float> HostValues(List<OrtValue> values, int index)
    {
        if (!_hostAccessible)
        {
            throw new InvalidOperationException("Device memory is not readable from the host.");
        }

        return values[index].GetTensorDataAsSpan<float>();
    }

    private void Release()
    {
        foreach (var value in _inputs.Concat(_outputs))
        {
            value.Dispose();
        }

        _inputs.Clear();
        _outputs.Clear();
    }
}

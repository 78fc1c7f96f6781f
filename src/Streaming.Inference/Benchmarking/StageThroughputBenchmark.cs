using System.Diagnostics;
using Microsoft.ML.OnnxRuntime;
using Streaming.Inference.Contracts;
using Streaming.Inference.Serving;

namespace Streaming.Inference.Benchmarking;

/// <summary>
/// Measures a stage model: candidates per second and batch latency percentiles per batch size,
/// by default on the serving path (pre-allocated pinned buffers, cached ONNX Runtime values, the
/// serving session options). Each size runs <c>repeats</c> times for <c>duration</c> after a
/// warm-up; the medians over the repeats are reported, because shared machines are noisy.
/// </summary>
public static class StageThroughputBenchmark
{
    private static readonly TimeSpan s_warmUp = TimeSpan.FromMilliseconds(200);

    /// <summary>The batch sizes of the standard report.</summary>
    public static IReadOnlyList<int> StandardBatchSizes { get; } = [1, 16, 64, 256, 1024];

    /// <summary>Runs the measurement of <paramref name="onnx"/> (a model of <paramref name="contract"/>) on a session with <paramref name="options"/>.</summary>
    public static IReadOnlyList<BatchSizeMeasurement> Run(
        StageContract contract,
        byte[] onnx,
        InferenceOptions options,
        IReadOnlyList<int> batchSizes,
        TimeSpan duration,
        int repeats)
    {
        var factory = new OnnxSessionFactory(options);
        using var session = factory.Create(onnx);
        return Run(contract, session, BatchMemory.Managed, batchSizes, duration, repeats);
    }

    /// <summary>
    /// Runs the measurement on <paramref name="session"/> with its batches in <paramref name="memory"/>
    /// (the CUDA kinds need a session on the CUDA provider of <paramref name="cudaDeviceId"/>, and
    /// throw <see cref="OnnxRuntimeException"/> otherwise).
    /// </summary>
    public static IReadOnlyList<BatchSizeMeasurement> Run(
        StageContract contract,
        InferenceSession session,
        BatchMemory memory,
        IReadOnlyList<int> batchSizes,
        TimeSpan duration,
        int repeats,
        int cudaDeviceId = 0)
    {
        ArgumentNullException.ThrowIfNull(contract);
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(batchSizes);
        ArgumentOutOfRangeException.ThrowIfLessThan(repeats, 1);
        using IBatchRunner runner = memory switch
        {
            BatchMemory.Managed => new ManagedBatchRunner(contract, session, batchSizes.Max()),
            BatchMemory.CudaPinned => BoundBatchRunner.CudaPinned(contract, session, cudaDeviceId),
            BatchMemory.CudaDevice => BoundBatchRunner.CudaDevice(contract, session, cudaDeviceId),
            _ => throw new ArgumentOutOfRangeException(nameof(memory), memory, "Unknown batch memory."),
        };
        return Run(runner, batchSizes, duration, repeats);
    }

    internal static IReadOnlyList<BatchSizeMeasurement> Run(IBatchRunner runner, IReadOnlyList<int> batchSizes, TimeSpan duration, int repeats)
    {
        var results = new List<BatchSizeMeasurement>();
        foreach (var size in batchSizes)
        {
            runner.Prepare(size);
            Measure(runner, s_warmUp, []);
            var throughputs = new List<double>();
            var p50s = new List<double>();
            var p99s = new List<double>();
            var allocations = new List<double>();
            long batches = 0;
            for (var r = 0; r < repeats; r++)
            {
                var latencies = new List<double>();
                var (elapsed, allocated) = Measure(runner, duration, latencies);
                latencies.Sort();
                throughputs.Add(size * latencies.Count / elapsed.TotalSeconds);
                p50s.Add(Percentile(latencies, 0.50));
                p99s.Add(Percentile(latencies, 0.99));
                allocations.Add((double)allocated / latencies.Count);
                batches += latencies.Count;
            }

            results.Add(new BatchSizeMeasurement(size, Median(throughputs), Median(p50s), Median(p99s), Median(allocations), batches));
        }

        return results;
    }

    private static (TimeSpan Elapsed, long Allocated) Measure(IBatchRunner runner, TimeSpan duration, List<double> latencies)
    {
        var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var start = Stopwatch.GetTimestamp();
        long now;
        do
        {
            var t0 = Stopwatch.GetTimestamp();
            runner.Run();
            now = Stopwatch.GetTimestamp();
            latencies.Add((now - t0) * 1000.0 / Stopwatch.Frequency);
        }
        while (now < end);

        // The latency list grows by amortised doubling; that is the harness's, not the run's, but it is
        // counted here: read AllocatedBytesPerBatch as an upper bound.
        return (Stopwatch.GetElapsedTime(start, now), GC.GetAllocatedBytesForCurrentThread() - allocatedBefore);
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }
}

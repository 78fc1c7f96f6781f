using System.Diagnostics;
using Microsoft.ML.OnnxRuntime;
using Streaming.Inference.Batching;
using Streaming.Inference.Contracts;
using Streaming.Inference.Serving;

namespace Streaming.Inference.Benchmarking;

/// <summary>
/// Measures a stage model on the serving path (pre-allocated pinned buffers, cached ONNX Runtime
/// values, the serving session options): candidates per second and batch latency percentiles per
/// batch size. Each size runs <c>repeats</c> times for <c>duration</c> after a warm-up; the medians
/// over the repeats are reported, because shared machines are noisy.
/// </summary>
public static class StageThroughputBenchmark
{
    /// <summary>The batch sizes of the standard report.</summary>
    public static IReadOnlyList<int> StandardBatchSizes { get; } = [1, 16, 64, 256, 1024];

    /// <summary>Runs the measurement of <paramref name="onnx"/> (a model of <paramref name="contract"/>).</summary>
    public static IReadOnlyList<BatchSizeMeasurement> Run(
        StageContract contract,
        byte[] onnx,
        InferenceOptions options,
        IReadOnlyList<int> batchSizes,
        TimeSpan duration,
        int repeats)
    {
        ArgumentNullException.ThrowIfNull(contract);
        ArgumentNullException.ThrowIfNull(batchSizes);
        ArgumentOutOfRangeException.ThrowIfLessThan(repeats, 1);
        var factory = new OnnxSessionFactory(options);
        using var session = factory.Create(onnx);
        using var buffers = new BatchBuffers(contract, batchSizes.Max());
        using var runOptions = new RunOptions();
        Fill(contract, buffers);

        var results = new List<BatchSizeMeasurement>();
        foreach (var size in batchSizes)
        {
            Measure(session, buffers, runOptions, size, TimeSpan.FromMilliseconds(200), []);
            var throughputs = new List<double>();
            var p50s = new List<double>();
            var p99s = new List<double>();
            var allocations = new List<double>();
            long batches = 0;
            for (var r = 0; r < repeats; r++)
            {
                var latencies = new List<double>();
                var (elapsed, allocated) = Measure(session, buffers, runOptions, size, duration, latencies);
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

    private static (TimeSpan Elapsed, long Allocated) Measure(
        InferenceSession session, BatchBuffers buffers, RunOptions runOptions, int size, TimeSpan duration, List<double> latencies)
    {
        var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var start = Stopwatch.GetTimestamp();
        long now;
        do
        {
            var t0 = Stopwatch.GetTimestamp();
            buffers.Run(session, runOptions, size);
            now = Stopwatch.GetTimestamp();
            latencies.Add((now - t0) * 1000.0 / Stopwatch.Frequency);
        }
        while (now < end);

        // The latency list grows by amortised doubling; that is the harness's, not the run's, but it is
        // counted here: read AllocatedBytesPerBatch as an upper bound.
        return (Stopwatch.GetElapsedTime(start, now), GC.GetAllocatedBytesForCurrentThread() - allocatedBefore);
    }

    private static void Fill(StageContract contract, BatchBuffers buffers)
    {
        var state = 0x9E3779B97F4A7C15UL;
        for (var i = 0; i < contract.Inputs.Count; i++)
        {
            var span = buffers.InputRows(i, 0, buffers.Capacity);
            for (var k = 0; k < span.Length; k++)
            {
                state = (state * 6364136223846793005UL) + 1442695040888963407UL;
                span[k] = (state >> 40) / (float)(1 << 24);
            }
        }
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }
}

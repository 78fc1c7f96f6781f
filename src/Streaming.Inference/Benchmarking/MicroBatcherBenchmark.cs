using System.Diagnostics;
using Streaming.Inference.Batching;
using Streaming.Inference.Contracts;
using Streaming.Inference.Serving;

namespace Streaming.Inference.Benchmarking;

/// <summary>
/// Measures the whole serving path: producers (like partitions) each keep a number of requests
/// in flight through one <see cref="MicroBatcher"/>; reports candidates per second and request
/// latency (submission to completion, queueing and the batch delay included).
/// </summary>
public static class MicroBatcherBenchmark
{
    /// <summary>Runs <paramref name="producers"/> producers with <paramref name="inFlightPerProducer"/> requests of <paramref name="rowsPerRequest"/> rows each in flight.</summary>
    public static async Task<BatchedMeasurement> RunAsync(
        StageContract contract,
        byte[] onnx,
        InferenceOptions options,
        int rowsPerRequest,
        int producers,
        int inFlightPerProducer,
        TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(contract);
        var counters = new InferenceCounters();
        var factory = new OnnxSessionFactory(options);
        using var stage = new ModelStage(contract, options, counters: counters);
        if (stage.TrySwap(new LoadedModel(contract.Stage, 1, factory.Create(onnx))) != SwapStatus.Swapped)
        {
            throw new InvalidOperationException("The benchmark model was refused.");
        }

        using var batcher = new MicroBatcher(stage, options);
        batcher.Start();
        var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var latencies = new List<double>[producers * inFlightPerProducer];
        var start = Stopwatch.GetTimestamp();
        var loops = Enumerable.Range(0, latencies.Length).Select(i => Task.Run(async () =>
        {
            var own = latencies[i] = [];
            while (Stopwatch.GetTimestamp() < end)
            {
                var request = batcher.Rent(rowsPerRequest);
                for (var input = 0; input < contract.Inputs.Count; input++)
                {
                    request.Input(input).Fill(0.25f);
                }

                var t0 = Stopwatch.GetTimestamp();
                while (batcher.Submit(request) == SubmitStatus.RefusedPaused)
                {
                    await Task.Yield();
                }

                await request.Completion;
                own.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
                request.Return();
            }
        })).ToArray();
        await Task.WhenAll(loops);
        var elapsed = Stopwatch.GetElapsedTime(start);
        var all = latencies.SelectMany(l => l).Order().ToList();
        return new BatchedMeasurement(
            counters.Rows / elapsed.TotalSeconds,
            all[all.Count / 2],
            all[Math.Min(all.Count - 1, (int)(all.Count * 0.99))],
            counters.Batches == 0 ? 0 : (double)counters.Rows / counters.Batches,
            all.Count);
    }
}

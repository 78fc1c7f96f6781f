using System.Diagnostics;
using Streaming.Core.Evaluation;
using Streaming.Training.Models.Fatigue;
using TorchSharp;
using Xunit;
using Xunit.Abstractions;

namespace Streaming.Training.Tests.Fatigue;

/// <summary>
/// Numbers for the docs, not checks: runs only with <c>STREAMING_MEASURE=1</c> (it takes about a
/// minute and uses every core), and prints training time per 100k rows per epoch (batch 512,
/// Adam), export time, and the largest ONNX parity error.
/// </summary>
public sealed class Fatigue_measurements(ITestOutputHelper output)
{
    [Fact]
    public void Measure_training_export_and_parity()
    {
        if (Environment.GetEnvironmentVariable("STREAMING_MEASURE") != "1")
        {
            return;
        }

        Streaming.Training.Native.TorchNativeLibrary.EnsureLoaded();
        var threads = int.TryParse(Environment.GetEnvironmentVariable("STREAMING_MEASURE_THREADS"), out var t) ? t : Environment.ProcessorCount;
        torch.set_num_threads(threads);
        const int rows = 100_000;
        var random = new Random(5);
        var items = Enumerable.Range(0, rows).Select(_ => (long)random.Next(50_000)).ToArray();
        var data = FatigueRows.Random(rows, seed: 6, items: items);
        var labels = Enumerable.Range(0, rows).Select(r => random.NextDouble() < 0.3 + (0.1 * FatigueRows.MaxSim(data, r)) ? 1f : 0f).ToArray();
        using var model = new FatigueModel(new FatigueModelOptions(), ItemVocabulary.MostFrequent(items));
        output.WriteLine($"threads {threads}, vocabulary {model.Vocabulary.Count}, parameters {model.TrainableParameters().Sum(p => p.numel())}");

        FatigueTraining.Train(model, data, labels, items, epochs: 1, batchSize: 512, learningRate: 1e-3, maxSteps: 5);
        foreach (var withIds in new[] { false, true })
        {
            var clock = Stopwatch.StartNew();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var loss = FatigueTraining.Train(model, data, labels, withIds ? items : null, epochs: 1, batchSize: 512, learningRate: 1e-3);
            var cpuSpent = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            output.WriteLine($"epoch of {rows} rows, batch 512, Adam, ids {withIds}: {clock.Elapsed.TotalSeconds:F2} s wall, {cpuSpent.TotalSeconds:F2} s CPU (loss {loss[0]:F4})");
        }

        var exportClock = Stopwatch.StartNew();
        var onnx = model.ExportOnnx("measure");
        output.WriteLine($"export: {exportClock.Elapsed.TotalMilliseconds:F1} ms, {onnx.Length} bytes");

        var predictClock = Stopwatch.StartNew();
        using var features = FatigueRows.Features(data);
        var torchScores = model.Score(features);
        output.WriteLine($"torch predict of {rows} rows: {predictClock.Elapsed.TotalSeconds:F2} s");
        var onnxScores = FatigueOnnx.Run(onnx, data);
        var worst = 0.0;
        for (var r = 0; r < rows; r++)
        {
            worst = Math.Max(worst, Math.Abs(torchScores.PEngage[r] - onnxScores.PEngage[r]));
            worst = Math.Max(worst, Math.Abs(torchScores.Fatigue[r] - onnxScores.Fatigue[r]));
        }

        output.WriteLine($"max |torch - onnx| over {rows} rows, both outputs: {worst:E2}");
        var auc = BinaryMetrics.Auc(torchScores.PEngage.Select(v => (double)v).ToArray(), labels.Select(l => l > 0.5f).ToArray());
        output.WriteLine($"train AUC {auc:F4}");
    }
}

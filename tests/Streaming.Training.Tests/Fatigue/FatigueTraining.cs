using Streaming.Training.Models;
using Streaming.Training.Models.Fatigue;
using Streaming.Training.Optimisation;
using static TorchSharp.torch;

namespace Streaming.Training.Tests.Fatigue;

/// <summary>A plain minibatch Adam loop, standing in for the training job in tests and measurements.</summary>
internal static class FatigueTraining
{
    /// <summary>Trains for <paramref name="epochs"/>; returns the mean training loss of each epoch.</summary>
    public static double[] Train(
        FatigueModel model, float[] rows, float[] labels, long[]? items, int epochs, int batchSize = 256, double learningRate = 3e-3, int seed = 7, int? maxSteps = null)
    {
        var rowLength = model.Layout.RowLength;
        var count = labels.Length;
        var order = Enumerable.Range(0, count).ToArray();
        var random = new Random(seed);
        using var optimizer = new ScalarSafeAdam(model.TrainableParameters(), learningRate);
        model.SetTraining(true);
        var losses = new double[epochs];
        var steps = 0;
        var batchRows = new float[batchSize * rowLength];
        var batchLabels = new float[batchSize];
        var batchItems = new long[batchSize];
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            random.Shuffle(order);
            double sum = 0;
            var batches = 0;
            for (var start = 0; start < count && (maxSteps is null || steps < maxSteps); start += batchSize, steps++)
            {
                var n = Math.Min(batchSize, count - start);
                for (var i = 0; i < n; i++)
                {
                    var r = order[start + i];
                    Array.Copy(rows, r * rowLength, batchRows, i * rowLength, rowLength);
                    batchLabels[i] = labels[r];
                    batchItems[i] = items?[r] ?? 0;
                }

                using var scope = NewDisposeScope();
                var batch = new TrainingBatch(
                    tensor(batchRows.AsSpan(0, n * rowLength).ToArray(), [n, rowLength]),
                    tensor(batchLabels.AsSpan(0, n).ToArray()),
                    items is null ? null : tensor(batchItems.AsSpan(0, n).ToArray()),
                    null);
                optimizer.ZeroGrad();
                var loss = model.Loss(batch);
                loss.backward();
                optimizer.Step();
                sum += loss.item<float>();
                batches++;
            }

            losses[epoch] = batches == 0 ? double.NaN : sum / batches;
        }

        model.SetTraining(false);
        return losses;
    }

    /// <summary>The mean binary cross-entropy of <paramref name="model"/>'s p_engage on the rows.</summary>
    public static double LogLoss(FatigueModel model, float[] rows, float[] labels)
    {
        using var features = FatigueRows.Features(rows);
        var p = model.Predict(features);
        double sum = 0;
        for (var i = 0; i < labels.Length; i++)
        {
            var q = Math.Clamp(p[i], 1e-7, 1 - 1e-7);
            sum -= labels[i] > 0.5 ? Math.Log(q) : Math.Log(1 - q);
        }

        return sum / labels.Length;
    }
}

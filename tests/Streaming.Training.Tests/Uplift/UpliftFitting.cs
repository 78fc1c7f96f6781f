using Streaming.Training.Models;
using Streaming.Training.Models.Uplift;
using Streaming.Training.Optimisation;
using TorchSharp;
using static TorchSharp.torch;

namespace Streaming.Training.Tests.Uplift;

/// <summary>A plain minibatch Adam loop (<see cref="ScalarSafeAdam"/>) over flattened rows, as the training job runs it.</summary>
internal static class UpliftFitting
{
    /// <summary>Trains for <paramref name="epochs"/> passes in a seeded order; returns each epoch's mean loss.</summary>
    public static double[] Train(UpliftModel model, float[] rows, float[] labels, long[] treatments, int epochs, int batchSize, double learningRate, int seed)
    {
        var count = labels.Length;
        var random = new Random(seed);
        var order = Enumerable.Range(0, count).ToArray();
        var epochLosses = new double[epochs];
        using var optimizer = new ScalarSafeAdam(model.TrainableParameters(), learningRate);
        model.SetTraining(true);
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            random.Shuffle(order);
            double sum = 0;
            for (var start = 0; start < count; start += batchSize)
            {
                var size = Math.Min(batchSize, count - start);
                using var scope = NewDisposeScope();
                var batch = Batch(rows, labels, treatments, order.AsSpan(start, size));
                optimizer.ZeroGrad();
                var loss = model.Loss(batch);
                loss.backward();
                optimizer.Step();
                sum += loss.item<float>() * size;
            }

            epochLosses[epoch] = sum / count;
        }

        model.SetTraining(false);
        return epochLosses;
    }

    /// <summary>The mean loss over every row, without gradients.</summary>
    public static double MeanLoss(UpliftModel model, float[] rows, float[] labels, long[] treatments)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var all = Enumerable.Range(0, labels.Length).ToArray();
        return model.Loss(Batch(rows, labels, treatments, all)).item<float>();
    }

    public static Tensor Features(float[] rows, int count) => torch.tensor(rows, count, UpliftRows.RowLength);

    private static TrainingBatch Batch(float[] rows, float[] labels, long[] treatments, ReadOnlySpan<int> indices)
    {
        var size = indices.Length;
        var x = new float[size * UpliftRows.RowLength];
        var y = new float[size];
        var t = new long[size];
        for (var i = 0; i < size; i++)
        {
            var r = indices[i];
            rows.AsSpan(r * UpliftRows.RowLength, UpliftRows.RowLength).CopyTo(x.AsSpan(i * UpliftRows.RowLength));
            y[i] = labels[r];
            t[i] = treatments[r];
        }

        return new TrainingBatch(torch.tensor(x, size, UpliftRows.RowLength), torch.tensor(y), null, torch.tensor(t));
    }
}

using System.Diagnostics;
using Streaming.Training.Models;
using Streaming.Training.Native;
using Streaming.Training.Optimisation;
using TorchSharp;
using static TorchSharp.torch;

namespace Streaming.Training.Fitting;

/// <summary>
/// Fits an <see cref="ITrainableStage"/> to labelled rows with Adam over shuffled minibatches
/// (<see cref="ScalarSafeAdam"/>: TorchSharp's own Adam can crash while other threads allocate).
/// </summary>
public static class StageFitter
{
    /// <summary>Trains <paramref name="model"/> in place on <paramref name="examples"/>.</summary>
    /// <exception cref="ArgumentException">The rows do not follow the model's layout.</exception>
    public static FitResult Fit(ITrainableStage model, StageExamples examples, FitOptions options, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (examples.RowLength != model.Layout.RowLength || examples.Stage != model.Stage)
        {
            throw new ArgumentException($"{examples.Stage} rows of {examples.RowLength} values do not fit the {model.Stage} model's rows of {model.Layout.RowLength}.", nameof(examples));
        }

        TorchNativeLibrary.EnsureLoaded();
        torch.set_num_threads(options.Threads);
        var clock = Stopwatch.StartNew();
        var losses = new List<double>(options.Epochs);
        using var optimizer = new ScalarSafeAdam(model.TrainableParameters(), options.LearningRate);
        var shuffle = new Random((int)(options.Seed % int.MaxValue));
        var order = Enumerable.Range(0, examples.Count).ToArray();
        model.SetTraining(true);
        try
        {
            for (var epoch = 0; epoch < options.Epochs; epoch++)
            {
                if (epoch > 0 && options.ReinitialiseEmbeddingsEachEpoch)
                {
                    model.ReinitialiseEmbeddings();
                }

                shuffle.Shuffle(order);
                double sum = 0;
                var batches = 0;
                for (var start = 0; start < order.Length; start += options.BatchSize)
                {
                    cancellation.ThrowIfCancellationRequested();
                    using var scope = NewDisposeScope();
                    var rows = order.AsSpan(start, Math.Min(options.BatchSize, order.Length - start));
                    var batch = Batch(examples, rows);
                    optimizer.ZeroGrad();
                    var loss = model.Loss(batch);
                    loss.backward();
                    optimizer.Step();
                    sum += loss.item<float>();
                    batches++;
                }

                losses.Add(batches == 0 ? double.NaN : sum / batches);
            }
        }
        finally
        {
            model.SetTraining(false);
        }

        return new FitResult(examples.Count, options.Epochs, losses, clock.Elapsed);
    }

    /// <summary>The rows <paramref name="rows"/> of <paramref name="examples"/> as tensors (in the caller's dispose scope).</summary>
    public static TrainingBatch Batch(StageExamples examples, ReadOnlySpan<int> rows)
    {
        ArgumentNullException.ThrowIfNull(examples);
        var width = examples.RowLength;
        var features = new float[rows.Length * width];
        var labels = new float[rows.Length];
        var items = new long[rows.Length];
        var treatments = new long[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            var r = rows[i];
            Array.Copy(examples.Features, r * width, features, i * width, width);
            labels[i] = examples.Labels[r];
            items[i] = examples.ItemIds[r];
            treatments[i] = examples.Treatments[r];
        }

        return new TrainingBatch(
            tensor(features, rows.Length, width),
            tensor(labels),
            tensor(items),
            tensor(treatments));
    }

    /// <summary>
    /// Scores every row as the model serves (without ID embeddings unless <paramref name="withItemIds"/>),
    /// in batches of <paramref name="batchSize"/>; the values per row follow <see cref="ITrainableStage.Predict"/>.
    /// </summary>
    public static float[] Predict(ITrainableStage model, StageExamples examples, bool withItemIds = false, int batchSize = 4096)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(examples);
        TorchNativeLibrary.EnsureLoaded();
        var output = new List<float>();
        var rows = Enumerable.Range(0, examples.Count).ToArray();
        model.SetTraining(false);
        for (var start = 0; start < rows.Length; start += batchSize)
        {
            using var scope = NewDisposeScope();
            var batch = Batch(examples, rows.AsSpan(start, Math.Min(batchSize, rows.Length - start)));
            output.AddRange(model.Predict(batch.Features, withItemIds ? batch.ItemIds : null));
        }

        return output.ToArray();
    }
}

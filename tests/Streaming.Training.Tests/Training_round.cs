using Microsoft.Extensions.Logging.Abstractions;
using Streaming.Core.Features.Vectors;
using Streaming.Inference;
using Streaming.Inference.Registry;
using Streaming.Inference.Serving;
using Streaming.Training.Fitting;
using Streaming.Training.Job;
using Streaming.Training.Tests.Fatigue;
using Streaming.Training.Tests.Uplift;
using Xunit;

namespace Streaming.Training.Tests;

/// <summary>A whole retraining round with the real models: split, fit, parity, gate, publish.</summary>
public sealed class Training_round : IDisposable
{
    private const long Day = 86_400_000L;
    private const long FirstDay = 19_000 * Day;

    private readonly string _root = Path.Combine(Path.GetTempPath(), $"training-round-{Guid.NewGuid():N}");
    private readonly ModelRegistry _registry;
    private readonly StageModels _models = new(seed: 3, new HashItemVectors(32));
    private readonly FitOptions _fit = new() { Epochs = 10, BatchSize = 128, LearningRate = 3e-3, Threads = 1 };

    public Training_round()
    {
        FatigueTorch.Ready();
        _registry = new ModelRegistry(_root, new OnnxSessionFactory(InferenceOptions.Default), NullLogger.Instance);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    // Fatigue rows over two days; engagement falls with the same-item count and the closest recent item.
    private static StageExamples FatigueExamples(int count, int seed, int laterDays = 0)
    {
        var random = new Random(seed);
        var items = Enumerable.Range(0, count).Select(_ => (long)random.Next(1, 300)).ToArray();
        var rows = FatigueRows.Random(count, seed + 1, items: items, closeness: Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() * 2)).ToArray(), everyRowHasHistory: true);
        var labels = new float[count];
        for (var r = 0; r < count; r++)
        {
            var logit = 1.5 - (1.5 * FatigueRows.View(rows, r).Counts[3]) - (2.5 * FatigueRows.MaxSim(rows, r));
            labels[r] = random.NextDouble() < 1 / (1 + Math.Exp(-logit)) ? 1 : 0;
        }

        return new StageExamples("fatigue", FatigueRows.Layout.RowLength, rows, labels,
            Enumerable.Range(0, count).Select(r => (long)(r % 50)).ToArray(),
            Enumerable.Range(0, count).Select(r => FirstDay + ((laterDays + (r < count * 2 / 3 ? 0 : 1)) * Day) + r).ToArray(),
            items, new long[count]);
    }

    private static StageExamples UpliftExamples(int count, int seed, int laterDays = 0)
    {
        var toy = UpliftToySet.Draw(count, seed);
        return new StageExamples("uplift", UpliftRows.RowLength, toy.Rows, toy.Labels,
            Enumerable.Range(0, count).Select(r => (long)r).ToArray(),
            Enumerable.Range(0, count).Select(r => FirstDay + ((laterDays + (r < count * 2 / 3 ? 0 : 1)) * Day) + r).ToArray(),
            Enumerable.Repeat(-1L, count).ToArray(), toy.Treatments);
    }

    [Fact]
    public void A_first_round_publishes_a_fatigue_model_that_onnx_runtime_reproduces_with_its_item_vectors()
    {
        var report = new TrainingRound(_registry, new TrainingGate(), _fit).Run(FatigueExamples(3000, 1), _models.Create, _models.Attachments);

        Assert.Equal(RoundOutcome.Published, report.Outcome);
        Assert.Equal((2000, 1000), (report.TrainRows, report.HeldOutRows));
        Assert.True(report.ParityMaxAbsError <= TrainingRound.ParityTolerance, $"parity {report.ParityMaxAbsError}");
        Assert.True(report.Candidate["auc"] > 0.6, $"auc {report.Candidate["auc"]}");

        var loaded = _registry.Load("fatigue", 1);
        Assert.Equal(LoadStatus.Loaded, loaded.Status);
        loaded.Model!.Dispose();
        var manifest = loaded.Manifest!;
        Assert.Equal(report.Candidate["auc"], manifest.Metrics["auc"]);
        var vectorsPath = Path.Combine(_registry.VersionDirectory("fatigue", 1), StageModels.ItemVectorsFile);
        Assert.Equal(ModelRegistry.Sha256Hex(File.ReadAllBytes(vectorsPath)), manifest.Attachments[StageModels.ItemVectorsFile]);
        using var reader = File.OpenText(vectorsPath);
        var table = ItemVectorTable.Load(reader, 32);
        Assert.True(table.Count > 100);
    }

    [Fact]
    public void A_worse_candidate_is_refused_and_the_serving_version_stays()
    {
        var first = new TrainingRound(_registry, new TrainingGate(), _fit).Run(FatigueExamples(3000, 2), _models.Create, _models.Attachments);
        Assert.Equal(RoundOutcome.Published, first.Outcome);

        // A learning rate too small to move the weights: the candidate stays near its random start.
        var untrained = _fit with { Epochs = 1, LearningRate = 1e-9 };
        var second = new TrainingRound(_registry, new TrainingGate(), untrained).Run(FatigueExamples(3000, 5, laterDays: 1), _models.Create, _models.Attachments);

        Assert.Equal(RoundOutcome.RefusedByGate, second.Outcome);
        Assert.Equal(1, second.ServingVersion);
        Assert.True(second.Candidate["auc"] < second.Serving!["auc"]);
        Assert.Equal(1, _registry.LatestVersion("fatigue"));
    }

    [Fact]
    public void An_uplift_round_publishes_against_the_serving_version_and_skips_rows_it_was_trained_on()
    {
        var first = new TrainingRound(_registry, new TrainingGate(), _fit).Run(UpliftExamples(6000, 3), _models.Create, _models.Attachments);
        var newRows = UpliftExamples(6000, 4, laterDays: 1);
        var second = new TrainingRound(_registry, new TrainingGate { MaxRegression = 1 }, _fit).Run(newRows, _models.Create, _models.Attachments);
        var again = new TrainingRound(_registry, new TrainingGate { MaxRegression = 1 }, _fit).Run(newRows, _models.Create, _models.Attachments);

        Assert.Equal(RoundOutcome.Published, first.Outcome);
        Assert.True(first.Candidate.ContainsKey("qini"));
        Assert.True(first.ParityMaxAbsError <= TrainingRound.ParityTolerance);
        Assert.Equal(RoundOutcome.Published, second.Outcome);
        Assert.Equal((1L, 2L), (second.ServingVersion!.Value, second.PublishedVersion!.Value));
        Assert.True(second.Serving!.ContainsKey("qini"));
        Assert.Equal(RoundOutcome.Skipped, again.Outcome);
        Assert.Equal(2, _registry.LatestVersion("uplift"));
    }

    [Fact]
    public void Rows_of_a_single_day_skip_the_round()
    {
        var examples = FatigueExamples(200, 4);
        var oneDay = examples.Where(r => examples.Day(r) == examples.Day(0));

        var report = new TrainingRound(_registry, new TrainingGate(), _fit).Run(oneDay, _models.Create, _models.Attachments);

        Assert.Equal(RoundOutcome.Skipped, report.Outcome);
        Assert.Null(_registry.LatestVersion("fatigue"));
    }
}

using System.Diagnostics;
using Streaming.Inference.Registry;
using Streaming.Training.Evaluation;
using Streaming.Training.Fitting;
using Streaming.Training.Models;

namespace Streaming.Training.Job;

/// <summary>
/// One retraining round of SPEC §7 for one stage: train on every day but the newest, evaluate on
/// the newest day against the serving version, export ONNX, check that ONNX Runtime reproduces
/// TorchSharp, and publish a new version only when the gate lets it through.
/// </summary>
public sealed class TrainingRound
{
    /// <summary>The largest |TorchSharp − ONNX Runtime| accepted on any output (issue 9: 1e-5 absolute).</summary>
    public const double ParityTolerance = 1e-5;

    /// <summary>Manifest metrics naming the rows a version was trained on (all days, held-out day included).</summary>
    public const string TrainRowsMetric = "data_rows", NewestRowMetric = "data_newest_ts_ms";

    private readonly ModelRegistry _registry;
    private readonly TrainingGate _gate;
    private readonly FitOptions _fit;
    private readonly TimeProvider _time;

    /// <summary>Rounds publishing into <paramref name="registry"/>.</summary>
    public TrainingRound(ModelRegistry registry, TrainingGate gate, FitOptions fit, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(gate);
        ArgumentNullException.ThrowIfNull(fit);
        _registry = registry;
        _gate = gate;
        _fit = fit;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>
    /// Runs the round for <paramref name="examples"/>' stage with a model made by
    /// <paramref name="createModel"/> from the training rows; <paramref name="attachments"/> names
    /// the files to publish beside the model (the fatigue model's item vectors).
    /// </summary>
    public StageRoundReport Run(
        StageExamples examples,
        Func<StageExamples, ITrainableStage> createModel,
        Func<ITrainableStage, IReadOnlyDictionary<string, byte[]>>? attachments = null,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentNullException.ThrowIfNull(createModel);
        var stage = examples.Stage;
        var empty = new Dictionary<string, double>();
        if (examples.SplitNewestDay() is not var (train, heldOut) || heldOut.Count == 0)
        {
            return new StageRoundReport(stage, RoundOutcome.Skipped, $"the {examples.Count} {stage} rows do not span two UTC days: nothing older than the held-out newest day to train on", 0, examples.Count, null, TimeSpan.Zero, null, empty, null, null, null);
        }

        // The extent of the rows: a serving version trained on the same rows would come back again.
        var extent = new Dictionary<string, double> { [TrainRowsMetric] = examples.Count, [NewestRowMetric] = examples.TsMs.Max() };
        var serving = _registry.LatestVersion(stage);
        if (serving is { } latest && _registry.ReadManifest(stage, latest)?.Metrics is { } trained &&
            trained.GetValueOrDefault(TrainRowsMetric) == extent[TrainRowsMetric] && trained.GetValueOrDefault(NewestRowMetric) == extent[NewestRowMetric])
        {
            return new StageRoundReport(stage, RoundOutcome.Skipped, $"no new rows since v{latest} was trained on these {examples.Count} rows", train.Count, heldOut.Count, null, TimeSpan.Zero, null, empty, null, latest, null);
        }

        using var model = createModel(train);
        var fit = StageFitter.Fit(model, train, _fit, cancellation);
        var predictions = StageFitter.Predict(model, heldOut);
        var candidate = StageMetrics.Of(heldOut, predictions);

        var clock = Stopwatch.StartNew();
        var onnx = model.ExportOnnx(producerVersion: "streaming-train");
        var exportTime = clock.Elapsed;
        double parity;
        using (var exported = new OnnxStagePredictor(onnx, model.Layout))
        {
            parity = MaxAbsDifference(predictions, exported.Predict(heldOut));
        }

        var servingVersion = serving;
        IReadOnlyDictionary<string, double>? servingMetrics = null;
        if (servingVersion is { } sv)
        {
            using var current = new OnnxStagePredictor(_registry.ReadModelBytes(stage, sv), model.Layout);
            servingMetrics = StageMetrics.Of(heldOut, current.Predict(heldOut));
        }

        StageRoundReport Report(RoundOutcome outcome, string detail, long? published = null) =>
            new(stage, outcome, detail, train.Count, heldOut.Count, fit, exportTime, parity, candidate, servingMetrics, servingVersion, published);

        if (!(parity <= ParityTolerance))
        {
            return Report(RoundOutcome.RefusedByParity, $"ONNX Runtime differs from TorchSharp by {parity:E2} > {ParityTolerance:E0}");
        }

        var decision = _gate.Decide(stage, candidate, servingMetrics);
        if (!decision.Publish)
        {
            return Report(RoundOutcome.RefusedByGate, decision.Reason);
        }

        var metrics = new Dictionary<string, double>(candidate, StringComparer.Ordinal);
        foreach (var (name, value) in servingMetrics ?? empty)
        {
            metrics[$"serving_{name}"] = value;
        }

        foreach (var (name, value) in extent)
        {
            metrics[name] = value;
        }

        metrics["parity_max_abs_error"] = parity;
        var version = (servingVersion ?? 0) + 1;
        var provenance = new ModelProvenance(_time.GetUtcNow(), Metrics: metrics, Attachments: attachments?.Invoke(model));
        var result = _registry.Publish(stage, version, onnx, provenance);
        return result.Status == PublishStatus.Published
            ? Report(RoundOutcome.Published, decision.Reason, version)
            : Report(RoundOutcome.RefusedByRegistry, $"{result.Status}: {result.Detail}");
    }

    private static double MaxAbsDifference(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length)
        {
            return double.PositiveInfinity;
        }

        var max = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            var d = Math.Abs((double)a[i] - b[i]);
            max = double.IsNaN(d) ? double.PositiveInfinity : Math.Max(max, d);
        }

        return max;
    }
}

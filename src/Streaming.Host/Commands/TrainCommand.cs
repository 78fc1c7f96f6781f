using System.Globalization;
using Streaming.Host.Training;
using Streaming.Inference;
using Streaming.Inference.Registry;
using Streaming.Inference.Serving;
using Streaming.Training.Job;

namespace Streaming.Host.Commands;

/// <summary>
/// <c>streaming train</c>: one retraining round (SPEC §7, docs/training.md) over a node's sample
/// log, publishing into its model registry what passes the parity check and the gate; running
/// pipelines following that registry swap to it. <c>--check</c> runs the learning check instead
/// (<see cref="LearningCheckRun"/>). The last line printed is a JSON object with the figures.
/// </summary>
public sealed class TrainCommand : ICommand
{
    /// <inheritdoc />
    public async Task<int> RunAsync(CommandLineArgs args, TextWriter output)
    {
        if (args.Flag("check"))
        {
            return await LearningCheckRun.RunAsync(args, output).ConfigureAwait(false);
        }

        var config = PipelineConfig.From(args);
        var folder = DataFolder.From(args, "run");
        var source = SampleLogArgs.From(args, config, folder);
        var registryRoot = Path.GetFullPath(args.String("models", Path.Combine(folder.Root, "models")));
        var stages = args.String("stage", "all") switch
        {
            "all" => StageModels.Stages,
            var one when StageModels.Stages.Contains(one) => [one],
            var other => throw new UsageException($"--stage {other}: all, {string.Join(", ", StageModels.Stages)}."),
        };
        var training = config.Training with { Epochs = args.Int("epochs", config.Training.Epochs) };
        var vectors = ItemVectorsArgs.From(args, config.Features);
        args.EnsureAllUsed();

        var report = new CommandReport(output);
        var read = source.Read(config.Features);
        report.Line($"{source.Describe(read.Stats)}: {read.Set.Fatigue.Count:N0} fatigue and {read.Set.Uplift.Count:N0} uplift rows labeled");
        var registry = new ModelRegistry(registryRoot, new OnnxSessionFactory(InferenceOptions.Default));
        var reports = new TrainingJob(training, config.Features, vectors).Run(read.Set, registry, stages);
        foreach (var stage in reports)
        {
            Describe(report, stage);
        }

        report.Finish();
        return reports.Any(r => r.Outcome == RoundOutcome.RefusedByParity) ? 1 : 0;
    }

    /// <summary>Prints one stage's round and adds its figures under <c>&lt;stage&gt;_…</c>.</summary>
    internal static void Describe(CommandReport report, StageRoundReport stage)
    {
        var fit = stage.Fit;
        var perHundredK = fit is null || fit.Rows == 0 ? (double?)null : fit.Elapsed.TotalSeconds / fit.Epochs * 100_000 / fit.Rows;
        report.Line($"{stage.Stage}: {stage.Outcome} ({stage.Detail})");
        report.Line($"  rows: train {stage.TrainRows:N0}, held out (newest day) {stage.HeldOutRows:N0}");
        if (fit is not null)
        {
            report.Line(string.Create(CultureInfo.InvariantCulture,
                $"  fit: {fit.Epochs} epochs in {fit.Elapsed.TotalSeconds:F1} s = {perHundredK:F1} s per 100k rows per epoch; loss {string.Join(" > ", fit.MeanLossPerEpoch.Select(l => l.ToString("F4", CultureInfo.InvariantCulture)))}"));
            report.Line(string.Create(CultureInfo.InvariantCulture,
                $"  export {stage.ExportTime.TotalMilliseconds:F0} ms; parity max |TorchSharp - ONNX Runtime| {stage.ParityMaxAbsError:E2}"));
        }

        if (stage.Candidate.Count > 0)
        {
            report.Line($"  {"metric",-10} {"candidate",10} {"serving" + (stage.ServingVersion is { } v ? $" v{v}" : ""),12}");
        }

        foreach (var (name, value) in stage.Candidate.OrderBy(m => m.Key, StringComparer.Ordinal))
        {
            var serving = stage.Serving is not null && stage.Serving.TryGetValue(name, out var s) ? s.ToString("F4", CultureInfo.InvariantCulture) : "-";
            report.Line(string.Create(CultureInfo.InvariantCulture, $"  {name,-10} {value,10:F4} {serving,12}"));
            report.Figure($"{stage.Stage}_{name}", CommandReport.Round(value, 5));
        }

        report.Figure($"{stage.Stage}_outcome", stage.Outcome.ToString());
        report.Figure($"{stage.Stage}_published_version", stage.PublishedVersion);
        report.Figure($"{stage.Stage}_train_rows", stage.TrainRows);
        report.Figure($"{stage.Stage}_held_out_rows", stage.HeldOutRows);
        if (stage.ServingVersion is { } sv)
        {
            report.Figure($"{stage.Stage}_serving_version", sv);
        }

        if (perHundredK is { } p)
        {
            report.Figure($"{stage.Stage}_fit_s", CommandReport.Round(fit!.Elapsed.TotalSeconds, 2));
            report.Figure($"{stage.Stage}_s_per_100k_rows_epoch", CommandReport.Round(p, 2));
            report.Figure($"{stage.Stage}_export_ms", CommandReport.Round(stage.ExportTime.TotalMilliseconds, 1));
            report.Figure($"{stage.Stage}_parity_max_abs_error", stage.ParityMaxAbsError);
        }
    }
}

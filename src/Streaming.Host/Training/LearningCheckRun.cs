using System.Globalization;
using Streaming.Core.Datasets;
using Streaming.Core.Features.Vectors;
using Streaming.Host.Commands;
using Streaming.Pipeline.Training;
using Streaming.Training.Check;
using Streaming.Training.Evaluation;
using Streaming.Training.Native;

namespace Streaming.Host.Training;

/// <summary>
/// <c>streaming train --check</c>: the learning check of issue 9, end to end. Runs the embedded
/// pipeline (the demo) over the synthetic generator, whose engagement falls with recent
/// same-category plays, and over the KuaiRand slice, so that the rows come from the sample log the
/// pipeline wrote; then trains on all days but the newest and measures on the newest:
/// the fatigue model against itself with its fatigue inputs zeroed (must gain at least
/// <see cref="RequiredAucGain"/> AUC on synthetic data), against a popularity baseline on KuaiRand,
/// and the uplift model's Qini on the randomised treatments against random rankings.
/// </summary>
public static class LearningCheckRun
{
    /// <summary>The AUC the fatigue inputs must add on the synthetic data.</summary>
    public const double RequiredAucGain = 0.02;

    /// <summary>Runs the check; exit code 0 when every requirement holds.</summary>
    public static async Task<int> RunAsync(CommandLineArgs args, TextWriter output)
    {
        var quick = args.Flag("quick");
        var root = Path.GetFullPath(args.String("data", Path.Combine(".streaming", "train-check")));
        var seed = args.Long("seed", 1);
        var interactions = args.Long("interactions", quick ? 24_000 : 100_000);
        var users = args.Int("users", quick ? 120 : 400);
        var kuairand = args.Get("kuairand") ?? DefaultKuaiRandSlice();
        var config = PipelineConfig.From(args);
        // The synthetic feed shows 1 to 6 of 20 candidates by the user's taste; fatigue acts on what
        // was shown, so the fatigue check learns from the exposures (training.exposed_only).
        var training = config.Training with { Epochs = args.Int("epochs", quick ? 4 : 5), Seed = (ulong)seed, ExposedOnly = true };
        args.EnsureAllUsed();

        TorchNativeLibrary.EnsureLoaded();
        var report = new CommandReport(output);

        // The synthetic world's item vectors serve as the vector table (SPEC §2): with hash vectors
        // the features could not see topics, and neither interest nor same-topic fatigue would show.
        // The same world the demo generates from these arguments (DatasetArgs).
        var world = new SyntheticDataset(SyntheticOptions.Default with { Interactions = interactions, Users = users, Seed = seed });
        if (world.Options.Topics != config.Features.EmbeddingDim)
        {
            throw new UsageException($"The synthetic world has {world.Options.Topics} topics and the features {config.Features.EmbeddingDim} dimensions: the check needs them equal.");
        }

        Directory.CreateDirectory(root);
        var vectorsFile = Path.Combine(root, "synthetic-item-vectors.csv");
        using (var writer = new StreamWriter(vectorsFile))
        {
            ItemVectorTableWriter.Write(writer, world.ItemVectors(), config.Features.EmbeddingDim);
        }

        var vectors = ItemVectorsArgs.Load(vectorsFile, config.Features);
        var job = new TrainingJob(training, config.Features, vectors);
        var fit = job.Fit;
        var models = job.Models;
        var passed = true;

        // 1. Synthetic: known fatigue and randomised treatments.
        var synthetic = await LogAsync(report, Path.Combine(root, "synthetic"),
            ["--interactions", interactions.ToString(CultureInfo.InvariantCulture), "--users", users.ToString(CultureInfo.InvariantCulture), "--seed", seed.ToString(CultureInfo.InvariantCulture), "--vectors", vectorsFile],
            config).ConfigureAwait(false);
        var stages = job.Examples(synthetic);
        var fatigue = LearningCheck.Fatigue(stages[0], models.Create, fit);
        var gain = fatigue.AucGainFromFatigue;
        passed &= gain >= RequiredAucGain;
        report.Line("");
        report.Line($"synthetic fatigue: train {fatigue.TrainRows:N0} rows, held out {fatigue.HeldOutRows:N0} ({fatigue.HeldOutPositives:N0} engaged); fit {fatigue.FitTime.TotalSeconds:F1} s");
        Table(report, ("model", fatigue.Model), ("fatigue inputs zeroed", fatigue.FatigueInputsZeroed), ("popularity", fatigue.Popularity));
        report.Line(string.Create(CultureInfo.InvariantCulture, $"  AUC gain from the fatigue inputs {gain:F4} (required >= {RequiredAucGain}): {(gain >= RequiredAucGain ? "PASS" : "FAIL")}"));
        Figures(report, "synthetic", fatigue);
        report.Figure("synthetic_auc_gain", CommandReport.Round(gain, 4));

        var uplift = LearningCheck.Uplift(stages[1], models.Create, fit);
        var qini = uplift.Model.GetValueOrDefault(StageMetrics.Qini);
        var randomQini = uplift.Random[StageMetrics.Qini];
        var sd = uplift.Random["qini_sd"];
        var upliftBeatsRandom = qini > randomQini;
        passed &= upliftBeatsRandom;
        report.Line("");
        report.Line($"synthetic uplift (randomised treatments): train {uplift.TrainRows:N0} requests, held out {uplift.HeldOutRows:N0}; fit {uplift.FitTime.TotalSeconds:F1} s");
        Table(report, ("model", uplift.Model), ("random ranking (mean)", uplift.Random));
        report.Line(string.Create(CultureInfo.InvariantCulture, $"  Qini {qini:F5} vs random {randomQini:F5} ± {sd:F5} ({(qini - randomQini) / Math.Max(sd, 1e-12):F1} sd): {(upliftBeatsRandom ? "PASS" : "FAIL")} (model above the random mean)"));
        report.Figure("uplift_qini", CommandReport.Round(qini, 5));
        report.Figure("uplift_auuc", CommandReport.Round(uplift.Model.GetValueOrDefault(StageMetrics.Auuc), 5));
        report.Figure("uplift_random_qini", CommandReport.Round(randomQini, 5));
        report.Figure("uplift_random_qini_sd", CommandReport.Round(sd, 5));
        report.Figure("uplift_held_out_requests", uplift.HeldOutRows);

        // 2. KuaiRand slice: real exposures, reported against popularity (no requirement).
        if (!quick && kuairand is not null && File.Exists(kuairand))
        {
            var real = await LogAsync(report, Path.Combine(root, "kuairand"), ["--dataset", kuairand, "--format", "kuairand"], config).ConfigureAwait(false);
            var hashed = new TrainingJob(training, config.Features, new HashItemVectors(config.Features.EmbeddingDim));
            var kuai = LearningCheck.Fatigue(hashed.Examples(real)[0], hashed.Models.Create, fit);
            report.Line("");
            report.Line($"KuaiRand slice fatigue: train {kuai.TrainRows:N0} rows, held out {kuai.HeldOutRows:N0} ({kuai.HeldOutPositives:N0} engaged)");
            Table(report, ("model", kuai.Model), ("fatigue inputs zeroed", kuai.FatigueInputsZeroed), ("popularity", kuai.Popularity));
            Figures(report, "kuairand", kuai);
        }
        else
        {
            report.Line(quick ? "KuaiRand slice: skipped (--quick)" : $"KuaiRand slice: skipped (no file at {kuairand ?? "../shared/data"}; pass --kuairand FILE)");
        }

        report.Figure("passed", passed);
        report.Finish();
        return passed ? 0 : 1;
    }

    // The demo over one dataset into its own data folder, with the file sample log on; returns the joined log.
    private static async Task<Core.Training.TrainingSet> LogAsync(CommandReport report, string folder, string[] dataset, PipelineConfig config)
    {
        string[] demo = ["demo", "--data", folder, "--sample-log", "file", .. dataset];
        using var demoOutput = new StringWriter(CultureInfo.InvariantCulture);
        var code = await new DemoCommand().RunAsync(CommandLineArgs.Parse(demo), demoOutput).ConfigureAwait(false);
        var summary = demoOutput.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (code != 0)
        {
            throw new InvalidOperationException($"The pipeline run for the learning check failed ({string.Join(" ", demo)}):\n{string.Join('\n', summary)}");
        }

        var read = SampleLogReader.ReadFolder(SampleLogs.Folder(folder), config.Features);
        report.Line($"pipeline: {string.Join(" ", demo)}: {summary.FirstOrDefault(l => l.StartsWith("produced", StringComparison.Ordinal))}");
        report.Line($"  sample log: {read.Set.Fatigue.Count:N0} fatigue rows, {read.Set.Uplift.Count:N0} uplift rows labeled");
        return read.Set;
    }

    private static void Table(CommandReport report, params (string Name, IReadOnlyDictionary<string, double> Metrics)[] rows)
    {
        report.Line($"  {"",-24} {"AUC",8} {"GAUC",8} {"log loss",9} {"Qini",9} {"AUUC",9}");
        foreach (var (name, m) in rows)
        {
            string Cell(string key, int width, string format) =>
                (m.TryGetValue(key, out var v) ? v.ToString(format, CultureInfo.InvariantCulture) : "-").PadLeft(width);
            report.Line($"  {name,-24} {Cell(StageMetrics.Auc, 8, "F4")} {Cell(StageMetrics.Gauc, 8, "F4")} {Cell(StageMetrics.LogLoss, 9, "F4")} {Cell(StageMetrics.Qini, 9, "F5")} {Cell(StageMetrics.Auuc, 9, "F5")}");
        }
    }

    private static void Figures(CommandReport report, string prefix, FatigueCheckResult result)
    {
        foreach (var (name, metrics) in new[] { ("", result.Model), ("_zeroed", result.FatigueInputsZeroed), ("_popularity", result.Popularity) })
        {
            foreach (var key in new[] { StageMetrics.Auc, StageMetrics.Gauc })
            {
                if (metrics.TryGetValue(key, out var v))
                {
                    report.Figure($"{prefix}{name}_{key}", CommandReport.Round(v, 4));
                }
            }
        }

        report.Figure($"{prefix}_held_out_rows", result.HeldOutRows);
        report.Figure($"{prefix}_fit_s", CommandReport.Round(result.FitTime.TotalSeconds, 2));
    }

    // The slice shipped beside a checkout (../shared/data), when this runs from the repository root.
    private static string? DefaultKuaiRandSlice()
    {
        var path = Path.GetFullPath(Path.Combine("..", "shared", "data", "kuairand-1k-random-slice.csv"));
        return File.Exists(path) ? path : null;
    }
}

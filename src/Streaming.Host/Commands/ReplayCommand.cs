using Streaming.Core.Features;
using Streaming.Core.Features.Vectors;
using Streaming.Host.Replay;
using Streaming.Inference;
using Streaming.Kafka.Embedded;
using Streaming.Kafka.Producer;
using Streaming.Pipeline;
using Streaming.Pipeline.Datasets;
using Streaming.Pipeline.Replay;
using Streaming.Pipeline.Scoring;
using Streaming.State;

namespace Streaming.Host.Commands;

/// <summary>
/// <c>streaming replay</c>: backtests a range of the input topic (docs/replay.md). Reads the range
/// with assigned partitions (no group), rebuilds state from empty in its own namespace, scores with
/// pinned model versions into <c>scored.&lt;ns&gt;</c>, evaluates the scores against the outcomes
/// in the range, and writes the report (JSON and HTML) to <c>--report DIR</c>. Without
/// <c>--bootstrap</c> it first loads the dataset into a fresh embedded broker as <c>produce</c> does.
/// The last line printed is a JSON object with the headline figures.
/// </summary>
public sealed class ReplayCommand : ICommand
{
    /// <inheritdoc />
    public async Task<int> RunAsync(CommandLineArgs args, TextWriter output)
    {
        var bootstrap = args.Get("bootstrap");
        var folder = DataFolder.From(args, "replay");
        var ns = args.Get("namespace") ?? throw new UsageException("replay needs --namespace NAME (its state keys and topics are isolated under it).");
        var production = new PipelineOptions { Partitions = args.Int("partitions", 8), EventsTopic = args.String("topic", "events") };
        var from = ParseBound(args.String("from", "start"), "--from");
        var to = ParseBound(args.String("to", "end"), "--to");
        var basis = args.String("time-basis", "kafka") switch
        {
            "kafka" => TimeBasis.Kafka,
            "event" => TimeBasis.Event,
            var other => throw new UsageException($"--time-basis {other}: kafka or event."),
        };
        var modelSets = ModelSets.Parse(args.Get("models"), args.Get("compare"));
        var baseline = args.String("scorer", "onnx") == "baseline";
        var registry = Path.GetFullPath(args.String("registry", Path.Combine(folder.Root, "models")));
        var reportFolder = Path.GetFullPath(args.String("report", Path.Combine(folder.Root, "reports", ns)));
        var dataset = bootstrap is null ? DatasetArgs.From(args) : null;
        args.EnsureAllUsed();
        if (baseline && modelSets.Count > 1)
        {
            throw new UsageException("--scorer baseline has no model versions to compare.");
        }

        var report = new CommandReport(output);
        using var loggers = HostLogging.Create();
        using var broker = bootstrap is null ? EmbeddedKafkaBroker.Start() : null;
        var address = bootstrap ?? broker!.BootstrapServers;
        var namespaces = modelSets.Count == 1 ? [ns] : new[] { ns + "-a", ns + "-b" };
        if (broker is not null)
        {
            folder.ResetStore();
            EmbeddedTopics.Create(broker, production);
            foreach (var name in namespaces)
            {
                var replay = new ReplaySettings { BootstrapServers = address, Production = production, Namespace = name, Range = new ReplayRange(production.EventsTopic, new Dictionary<int, long>(), new Dictionary<int, long>()) };
                broker.CreateTopic(replay.ScoredTopic, production.Partitions);
                broker.CreateTopic(replay.DeadLetterTopic, production.Partitions);
            }
            await LoadDataset(broker, production, dataset!, report).ConfigureAwait(false);
        }

        ReplayRange range;
        using (var resolver = new RangeResolver(address, production.EventsTopic))
        {
            var partitions = resolver.PartitionCount(address);
            try
            {
                range = resolver.Resolve(from, to, partitions, basis);
            }
            catch (ArgumentException ex)
            {
                throw new UsageException(ex.Message);
            }
            report.Line($"range {range} of {production.EventsTopic}: {range.Records:N0} records{(resolver.TimeMethod == "none" ? "" : $" (time bounds by {resolver.TimeMethod}, {resolver.Probes} probes)")}");
        }

        Directory.CreateDirectory(folder.Root);
        using var store = new RocksDbStateStore(new RocksDbStoreOptions { Path = folder.Store, SyncWrites = false });
        var engine = new FeatureEngine(FeatureOptions.Default, new HashItemVectors(FeatureOptions.Default.EmbeddingDim));
        var runs = new List<ReplayOutcome>();
        for (var i = 0; i < namespaces.Length; i++)
        {
            var settings = new ReplaySettings
            {
                BootstrapServers = address,
                Production = production,
                Namespace = namespaces[i],
                Range = range,
                Models = baseline ? null : new ModelSettings(registry, InferenceOptions.Default) { PinnedVersions = modelSets[i] },
            };
            using var replayStore = store.WithNamespace(settings.Namespace);
            using var progress = new ProgressLine(output, range.Records);
            ReplayOutcome outcome;
            try
            {
                outcome = await ReplayRunner.RunAsync(settings, replayStore, engine, loggers, progress.Update).ConfigureAwait(false);
            }
            catch (InvalidOperationException ex) when (ex.Message.Contains("already holds state", StringComparison.Ordinal) || ex.Message.Contains("cannot serve", StringComparison.Ordinal) || ex.Message.Contains("No model stage", StringComparison.Ordinal))
            {
                throw new UsageException(ex.Message);
            }
            progress.Done();
            runs.Add(outcome);
            report.Line($"replay {settings.Namespace} ({string.Join(", ", outcome.ModelVersions)}): {outcome.Interactions:N0} interactions applied, {outcome.Requests:N0} requests scored into {settings.ScoredTopic}, {outcome.DeadLettered:N0} dead-lettered into {settings.DeadLetterTopic}, {outcome.EventsPerSecond:N0} events/s over {outcome.Elapsed.TotalSeconds:F1} s");
        }

        var replayReport = ReplayEvaluation.Report(address, range, runs, FeatureOptions.Default);
        Directory.CreateDirectory(reportFolder);
        await File.WriteAllTextAsync(Path.Combine(reportFolder, "report.json"), replayReport.ToJson()).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(reportFolder, "deterministic.json"), replayReport.DeterministicJson()).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(reportFolder, "report.html"), ReplayHtml.Render(replayReport)).ConfigureAwait(false);
        foreach (var set in replayReport.Sets)
        {
            report.Line($"set {set.Name} ({string.Join(", ", set.ModelVersions)}): AUC {set.Auc:F4}, GAUC {set.Gauc:F4}, log loss {set.LogLoss:F4} over {set.Candidates:N0} candidates ({set.Positives:N0} engaged)");
        }
        report.Line($"report: {Path.Combine(reportFolder, "report.html")} (and report.json, deterministic.json)");
        foreach (var (name, value) in replayReport.Headline())
        {
            report.Figure(name, value?.DeepClone());
        }
        report.Figure("report", Path.Combine(reportFolder, "report.json"));
        report.Finish();
        return 0;
    }

    private static RangeBound ParseBound(string text, string option)
    {
        try
        {
            return RangeBound.Parse(text);
        }
        catch (FormatException ex)
        {
            throw new UsageException($"{option}: {ex.Message}");
        }
    }

    // The embedded broker keeps about 5 MiB per partition and deletes older records: a dataset
    // that does not fit would replay a different range than asked for, so it is refused.
    private static async Task LoadDataset(EmbeddedKafkaBroker broker, PipelineOptions production, DatasetArgs dataset, CommandReport report)
    {
        PublishedCounts counts;
        await using (var loader = new StreamRuntime("replay-load"))
        {
            counts = await DatasetPublisher.PublishAsync(dataset.Events(), production.EventsTopic,
                new KafkaProducerSettings { BootstrapServers = broker.BootstrapServers, ClientId = "streaming-produce" }, loader.Materializer).ConfigureAwait(false);
        }
        var deleted = CatchUp.StartOffsets(broker.BootstrapServers, production.EventsTopic, production.Partitions).Values.Sum();
        if (deleted > 0)
        {
            throw new UsageException($"The embedded broker deleted {deleted:N0} of the {counts.Events:N0} records of {dataset.Name} while loading: it keeps about 5 MiB per partition. "
                + "Use more --partitions or fewer --interactions.");
        }
        report.Line($"loaded {counts.Events:N0} events ({counts.Interactions:N0} interactions, {counts.Requests:N0} requests) of {dataset.Name} into the embedded broker at {broker.BootstrapServers}");
    }
}

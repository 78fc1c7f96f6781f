using System.Diagnostics;
using Streaming.Core.Features;
using Streaming.Kafka.Embedded;
using Streaming.Kafka.Producer;
using Streaming.Pipeline;
using Streaming.Pipeline.Datasets;
using Streaming.Pipeline.Training;
using Streaming.State;

namespace Streaming.Host.Commands;

/// <summary>
/// <c>streaming demo</c>: the whole path on the embedded default. Starts the broker, produces the
/// dataset, runs one pipeline node until its durable state covers every produced record, drains it,
/// and prints a summary. The store starts empty on every run: the embedded broker keeps its log in
/// memory, so a store left by an earlier run would point at offsets that no longer exist.
/// </summary>
public sealed class DemoCommand : ICommand
{
    /// <inheritdoc />
    public async Task<int> RunAsync(CommandLineArgs args, TextWriter output)
    {
        var dataset = DatasetArgs.From(args);
        var folder = DataFolder.From(args, "demo");
        var config = PipelineConfig.From(args);
        var options = config.Pipeline with { Partitions = args.Int("partitions", config.Pipeline.Partitions) };
        var timeout = TimeSpan.FromSeconds(args.Int("timeout-s", 600));
        var models = ModelArgs.From(args, folder, config.Inference);
        var training = config.TrainingFrom(args);
        var vectors = ItemVectorsArgs.From(args, config.Features);
        args.EnsureAllUsed();

        var report = new CommandReport(output);
        var total = Stopwatch.StartNew();
        folder.ResetStore();
        // The samples of an earlier demo belong to a broker log that no longer exists.
        if (Directory.Exists(SampleLogs.Folder(folder.Root)))
        {
            Directory.Delete(SampleLogs.Folder(folder.Root), recursive: true);
        }
        using var loggers = HostLogging.Create();
        using var broker = EmbeddedKafkaBroker.Start();
        EmbeddedTopics.Create(broker, options);
        if (training.SampleLog == SampleLogMode.Kafka)
        {
            broker.CreateTopic(training.SamplesTopic, options.Partitions);
        }
        broker.WriteBootstrapFile(folder.BootstrapFile);
        report.Line($"embedded broker at {broker.BootstrapServers} (written to {folder.BootstrapFile})");

        var produce = Stopwatch.StartNew();
        PublishedCounts counts;
        await using (var loader = new StreamRuntime("produce"))
        {
            counts = await DatasetPublisher.PublishAsync(dataset.Events(), options.EventsTopic,
                new KafkaProducerSettings { BootstrapServers = broker.BootstrapServers, ClientId = "streaming-produce" },
                loader.Materializer).ConfigureAwait(false);
        }
        produce.Stop();
        report.Line($"produced {counts.Events:N0} events ({counts.Interactions:N0} interactions, {counts.Requests:N0} requests) of {dataset.Name} in {produce.Elapsed.TotalSeconds:F1} s");

        var deleted = CatchUp.StartOffsets(broker.BootstrapServers, options.EventsTopic, options.Partitions).Values.Sum();
        if (deleted > 0)
        {
            throw new UsageException($"The embedded broker deleted {deleted:N0} of the {counts.Events:N0} records before the pipeline could read them: "
                + "it keeps about 5 MiB per partition. Use more --partitions or fewer --interactions.");
        }
        var ends = CatchUp.EndOffsets(broker.BootstrapServers, options.EventsTopic, options.Partitions);
        using var store = new RocksDbStateStore(new RocksDbStoreOptions { Path = folder.Store });
        var engine = new FeatureEngine(config.Features, vectors);
        var run = Stopwatch.StartNew();
        bool caughtUp;
        PipelineMetrics metrics;
        using var samples = SampleLogs.Create(training, folder.Root, broker.BootstrapServers);
        await using (var node = PipelineNode.Start(broker.BootstrapServers, options, store, engine, loggers, models: models, samples: samples))
        {
            using var progress = new ProgressLine(output, counts.Events);
            caughtUp = await CatchUp.WaitAsync(store, options.EventsTopic, ends, node.Pipeline.Completion, timeout,
                remaining => progress.Update(counts.Events - remaining)).ConfigureAwait(false);
            progress.Done();
            if (node.Models is { } scoring)
            {
                report.Line($"scored by ONNX stages fatigue v{scoring.Fatigue.Stage.ServingVersion} and uplift v{scoring.Uplift.Stage.ServingVersion} from {scoring.Registry.Root}");
            }
            run.Stop();
            await node.DrainAsync().ConfigureAwait(false);
            metrics = node.Pipeline.Metrics;
        }
        var users = store.UserIds().LongCount();
        total.Stop();

        var eventsPerSecond = counts.Events / Math.Max(run.Elapsed.TotalSeconds, 1e-9);
        report.Line(caughtUp ? "pipeline caught up with the topic" : $"pipeline did NOT catch up within {timeout.TotalSeconds:F0} s");
        report.Line($"applied {metrics.InteractionsApplied:N0} interactions for {users:N0} users, scored {metrics.RequestsScored:N0} requests, dead-lettered {metrics.DeadLettered:N0}");
        report.Line($"pipeline: {eventsPerSecond:N0} events/s over {run.Elapsed.TotalSeconds:F1} s; {metrics.Checkpoints:N0} checkpoints");
        if (samples is not null)
        {
            var logged = samples.Counters;
            var perCandidate = logged.FatigueRows == 0 ? 0 : (double)(samples is FileSampleLog ? logged.StoredBytes : logged.PayloadBytes) / logged.FatigueRows;
            report.Line($"training samples ({training.SampleLog.ToString().ToLowerInvariant()}, rate {training.SampleRate}): {logged.FatigueRows:N0} candidate rows, {logged.UpliftRows:N0} request rows, {logged.Outcomes:N0} outcomes; "
                + $"{logged.PayloadBytes / 1048576.0:F1} MiB framed, {logged.StoredBytes / 1048576.0:F1} MiB stored, {perCandidate:F0} bytes per candidate");
            if (samples is FileSampleLog)
            {
                report.Line($"read them: dotnet run -c Release --project src/Streaming.Host -- samples --data {folder.Root}");
            }
            report.Figure("sample_candidate_rows", logged.FatigueRows);
            report.Figure("sample_payload_bytes", logged.PayloadBytes);
            report.Figure("sample_stored_bytes", logged.StoredBytes);
            report.Figure("sample_bytes_per_candidate", CommandReport.Round(perCandidate));
        }
        report.Line($"inspect a user: dotnet run -c Release --project src/Streaming.Host -- inspect user <id> --data {folder.Root}");
        report.Figure("events", counts.Events);
        report.Figure("users", users);
        report.Figure("requests_scored", metrics.RequestsScored);
        report.Figure("dlq", metrics.DeadLettered);
        report.Figure("events_per_s", CommandReport.Round(eventsPerSecond));
        report.Figure("elapsed_s", CommandReport.Round(total.Elapsed.TotalSeconds, 2));
        report.Finish();
        return caughtUp ? 0 : 1;
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Akka;
using Akka.Streams.Dsl;
using Streaming.Core.Features;
using Streaming.Core.Features.Vectors;
using Streaming.Core.Schemas;
using Streaming.Kafka.Consumer;
using Streaming.Kafka.Embedded;
using Streaming.Kafka.Producer;
using Streaming.Pipeline;
using Streaming.Pipeline.Datasets;
using Streaming.State;

namespace Streaming.Host.Commands;

/// <summary>
/// <c>streaming bench pipeline</c>: the documented end-to-end harness. Loads N synthetic events
/// over P partitions into the embedded broker once, then measures, each over R runs with a fresh
/// consumer group (and a fresh store): the source alone (consume + decode), and the whole pipeline
/// (source + state update + scoring + durable checkpoint + commit) until its durable state covers
/// the topic. Prints medians; the last line is JSON.
/// </summary>
public sealed class BenchCommand : ICommand
{
    /// <inheritdoc />
    public async Task<int> RunAsync(CommandLineArgs args, TextWriter output)
    {
        var what = args.Positional.Count > 1 ? args.Positional[1] : "pipeline";
        if (what != "pipeline")
        {
            throw new UsageException($"Unknown benchmark '{what}' (known: pipeline).");
        }
        var events = args.Long("events", 1_000_000);
        var options = new PipelineOptions { Partitions = args.Int("partitions", 8) };
        var runs = args.Int("runs", 3);
        var folder = DataFolder.From(args, "bench");
        var syncWrites = !args.Flag("no-sync");
        args.EnsureAllUsed();

        var report = new CommandReport(output);
        using var loggers = HostLogging.Create();
        using var broker = EmbeddedKafkaBroker.Start();
        EmbeddedTopics.Create(broker, options);
        var dataset = new Core.Datasets.SyntheticDataset(Core.Datasets.SyntheticOptions.Default with { Interactions = events, Users = 20_000 });
        var produce = Stopwatch.StartNew();
        PublishedCounts counts;
        await using (var runtime = new StreamRuntime("produce"))
        {
            counts = await DatasetPublisher.PublishAsync(dataset.Events().Take(checked((int)events)), options.EventsTopic,
                new KafkaProducerSettings { BootstrapServers = broker.BootstrapServers, ClientId = "bench-produce" }, runtime.Materializer).ConfigureAwait(false);
        }
        produce.Stop();
        report.Line($"loaded {counts.Events:N0} events over {options.Partitions} partitions in {produce.Elapsed.TotalSeconds:F1} s ({counts.Events / produce.Elapsed.TotalSeconds:N0} events/s produce)");
        var ends = CatchUp.EndOffsets(broker.BootstrapServers, options.EventsTopic, options.Partitions);

        var sourceRates = new List<double>();
        var pipelineRates = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            sourceRates.Add(await SourceOnly(broker.BootstrapServers, options, counts.Events, run).ConfigureAwait(false));
            pipelineRates.Add(await WholePipeline(broker.BootstrapServers, options, ends, counts.Events, folder, run, syncWrites, loggers).ConfigureAwait(false));
            report.Line($"run {run + 1}/{runs}: source {sourceRates[^1]:N0} events/s, pipeline {pipelineRates[^1]:N0} events/s");
        }

        var sourceMedian = Median(sourceRates);
        var pipelineMedian = Median(pipelineRates);
        report.Line("");
        report.Line($"| stage (median of {runs})                                  | events/s |");
        report.Line("|---------------------------------------------------------|---------:|");
        report.Line($"| source alone (consume + decode)                         | {sourceMedian,8:N0} |");
        report.Line($"| source + state update + scoring + durable commit{(syncWrites ? " (fsync)" : "        ")} | {pipelineMedian,8:N0} |");
        report.Figure("events", counts.Events);
        report.Figure("partitions", options.Partitions);
        report.Figure("runs", runs);
        report.Figure("source_events_per_s", CommandReport.Round(sourceMedian));
        report.Figure("pipeline_events_per_s", CommandReport.Round(pipelineMedian));
        report.Figure("pipeline_to_source_ratio", CommandReport.Round(pipelineMedian / sourceMedian, 3));
        report.Figure("source_runs", new JsonArray(sourceRates.Select(r => (JsonNode)CommandReport.Round(r)).ToArray()));
        report.Figure("pipeline_runs", new JsonArray(pipelineRates.Select(r => (JsonNode)CommandReport.Round(r)).ToArray()));
        report.Figure("sync_writes", syncWrites);
        report.Finish();
        return 0;
    }

    private static async Task<double> SourceOnly(string bootstrap, PipelineOptions options, long total, int run)
    {
        await using var runtime = new StreamRuntime("bench-source");
        var codec = new EventCodec();
        long decoded = 0, rejected = 0;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var settings = KafkaSourceSettings.Create(bootstrap, "bench-source-" + run.ToString(CultureInfo.InvariantCulture), options.EventsTopic);
        var clock = Stopwatch.StartNew();
        var (control, completion) = KafkaPartitionSource.Create(settings, CommittedStartOffsets.Instance)
            .Via(Flow.Create<PartitionSource>().MergeMany(1024, p => p.Records.Select(record =>
            {
                var result = codec.Decode(record.Message.Value, record.Message.Timestamp.UnixTimestampMs);
                if (!result.IsOk)
                {
                    Interlocked.Increment(ref rejected);
                }
                if (Interlocked.Increment(ref decoded) == total)
                {
                    done.TrySetResult();
                }
                return NotUsed.Instance;
            })))
            .ToMaterialized(Sink.Ignore<NotUsed>(), Keep.Both)
            .Run(runtime.Materializer);
        await Task.WhenAny(done.Task, completion).ConfigureAwait(false);
        clock.Stop();
        if (rejected > 0)
        {
            throw new InvalidOperationException($"{rejected} of the benchmark's records did not decode.");
        }
        await control.Stop().ConfigureAwait(false);
        return total / clock.Elapsed.TotalSeconds;
    }

    private static async Task<double> WholePipeline(
        string bootstrap, PipelineOptions options, IReadOnlyDictionary<int, long> ends, long total, DataFolder folder, int run, bool syncWrites,
        Microsoft.Extensions.Logging.ILoggerFactory loggers)
    {
        var storePath = Path.Combine(folder.Root, "store-" + run.ToString(CultureInfo.InvariantCulture));
        if (Directory.Exists(storePath))
        {
            Directory.Delete(storePath, recursive: true);
        }
        using var store = new RocksDbStateStore(new RocksDbStoreOptions { Path = storePath, SyncWrites = syncWrites });
        var engine = new FeatureEngine(FeatureOptions.Default, new HashItemVectors(FeatureOptions.Default.EmbeddingDim));
        var runOptions = options with { GroupId = "bench-pipeline-" + run.ToString(CultureInfo.InvariantCulture) };
        var clock = Stopwatch.StartNew();
        await using var node = PipelineNode.Start(bootstrap, runOptions, store, engine, loggers);
        var caughtUp = await CatchUp.WaitAsync(store, options.EventsTopic, ends, node.Pipeline.Completion, TimeSpan.FromMinutes(10)).ConfigureAwait(false);
        clock.Stop();
        await node.DrainAsync().ConfigureAwait(false);
        if (!caughtUp)
        {
            throw new InvalidOperationException("The pipeline did not catch up within 10 minutes.");
        }
        return total / clock.Elapsed.TotalSeconds;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Akka;
using Akka.Streams.Dsl;
using Microsoft.Extensions.Logging;
using Streaming.Core.Datasets;
using Streaming.Core.Features;
using Streaming.Core.Features.Vectors;
using Streaming.Core.Schemas;
using Streaming.Kafka.Consumer;
using Streaming.Kafka.Embedded;
using Streaming.Kafka.Producer;
using Streaming.Pipeline;
using Streaming.Pipeline.Datasets;
using Streaming.Pipeline.Scoring;
using Streaming.State;

namespace Streaming.Host.Commands;

/// <summary>
/// <c>streaming bench pipeline</c>: the documented end-to-end harness. Each of R runs measures,
/// on a fresh topic of P partitions in the embedded broker: the source alone (consume + decode),
/// and the whole pipeline (source, state update, scoring, durable checkpoint, commit) until its
/// durable state covers the topic, with a fresh store. N synthetic events are produced while they
/// are consumed, never far ahead, because the embedded broker keeps only about 5 MiB per partition.
/// Prints each run and the medians; the last line is JSON.
/// </summary>
public sealed class BenchPipelineCommand : ICommand
{
    /// <inheritdoc />
    public async Task<int> RunAsync(CommandLineArgs args, TextWriter output)
    {
        var events = args.Long("events", 1_000_000);
        var options = new PipelineOptions { Partitions = args.Int("partitions", 8) };
        var runs = args.Int("runs", 3);
        var folder = DataFolder.From(args, "bench");
        var syncWrites = !args.Flag("no-sync");
        var models = ModelArgs.From(args, folder);
        args.EnsureAllUsed();

        var report = new CommandReport(output);
        using var loggers = HostLogging.Create();
        using var broker = EmbeddedKafkaBroker.Start();
        var synthetic = new SyntheticDataset(SyntheticOptions.Default with { Interactions = events, Users = 20_000 });
        var dataset = Encode(synthetic, events);
        var candidates = Candidates(synthetic, events);
        report.Line($"{events:N0} synthetic events per run ({candidates:N0} candidates) over {options.Partitions} partitions, produced while consumed (the embedded broker keeps about 5 MiB per partition)");

        var sourceRates = new List<double>();
        var pipelineRates = new List<double>();
        var candidateRates = new List<double>();
        var provider = "none";
        for (var run = 0; run < runs; run++)
        {
            var suffix = run.ToString(CultureInfo.InvariantCulture);
            sourceRates.Add(await SourceOnly(broker, options with { EventsTopic = "bench-source-" + suffix }, dataset, events).ConfigureAwait(false));
            pipelineRates.Add(await WholePipeline(broker, options with { EventsTopic = "bench-pipeline-" + suffix, ScoredTopic = "bench-scored-" + suffix, GroupId = "bench-pipeline-" + suffix },
                dataset, events, Path.Combine(folder.Root, "store-" + suffix), syncWrites, models, loggers, (node, elapsed) =>
                {
                    candidateRates.Add(candidates / elapsed.TotalSeconds);
                    provider = node.Models is { } scoring ? scoring.Provider.ToString().ToLowerInvariant() : "none";
                }).ConfigureAwait(false));
            report.Line($"run {run + 1}/{runs}: source {sourceRates[^1]:N0} events/s, pipeline {pipelineRates[^1]:N0} events/s, {candidateRates[^1]:N0} candidates/s");
        }

        var sourceMedian = Median(sourceRates);
        var pipelineMedian = Median(pipelineRates);
        report.Line("");
        report.Line($"| stage (median of {runs})                                  | events/s |");
        report.Line("|---------------------------------------------------------|---------:|");
        report.Line($"| source alone (consume + decode)                         | {sourceMedian,8:N0} |");
        report.Line($"| source + state update + {(models is null ? "baseline" : "ONNX " + provider)} scoring + durable commit{(syncWrites ? " (fsync)" : "")} | {pipelineMedian,8:N0} |");
        report.Line($"pipeline scoring rate: {Median(candidateRates):N0} candidates/s (median)");
        report.Figure("events", events);
        report.Figure("partitions", options.Partitions);
        report.Figure("runs", runs);
        report.Figure("source_events_per_s", CommandReport.Round(sourceMedian));
        report.Figure("pipeline_events_per_s", CommandReport.Round(pipelineMedian));
        report.Figure("pipeline_to_source_ratio", CommandReport.Round(pipelineMedian / sourceMedian, 3));
        report.Figure("source_runs", new JsonArray(sourceRates.Select(r => (JsonNode)CommandReport.Round(r)).ToArray()));
        report.Figure("pipeline_runs", new JsonArray(pipelineRates.Select(r => (JsonNode)CommandReport.Round(r)).ToArray()));
        report.Figure("sync_writes", syncWrites);
        report.Figure("pipeline_candidates_per_s", CommandReport.Round(Median(candidateRates)));
        report.Figure("scorer", models is null ? "baseline" : "onnx");
        report.Figure("provider", provider);
        report.Figure("max_batch", models?.Inference.MaxBatch);
        report.Finish();
        return 0;
    }

    private static async Task<double> SourceOnly(EmbeddedKafkaBroker broker, PipelineOptions options, IReadOnlyList<ProducerRecord> dataset, long total)
    {
        broker.CreateTopic(options.EventsTopic, options.Partitions);
        await using var runtime = new StreamRuntime("bench-source");
        var codec = new EventCodec();
        long decoded = 0, rejected = 0, gaps = 0;
        var next = new long[options.Partitions];
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var settings = KafkaSourceSettings.Create(broker.BootstrapServers, "bench-source", options.EventsTopic);
        var clock = Stopwatch.StartNew();
        var (control, completion) = KafkaPartitionSource.Create(settings, CommittedStartOffsets.Instance)
            .Via(Flow.Create<PartitionSource>().MergeMany(1024, p => p.Records.Select(record =>
            {
                // One sub-stream per partition: next[] of a partition is touched by one stage only.
                var partition = record.Partition.Value;
                if (record.Offset.Value != next[partition])
                {
                    Interlocked.Increment(ref gaps);
                }
                next[partition] = record.Offset.Value + 1;
                if (!codec.Decode(record.Message.Value, record.Message.Timestamp.UnixTimestampMs).IsOk)
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
        var producing = ProduceBehind(broker, options, dataset, total, () => Volatile.Read(ref decoded));
        await Task.WhenAny(done.Task, completion, producing).ConfigureAwait(false);
        await producing.ConfigureAwait(false);
        await Task.WhenAny(done.Task, completion).ConfigureAwait(false);
        clock.Stop();
        await control.Stop().ConfigureAwait(false);
        if (rejected > 0 || gaps > 0 || decoded != total)
        {
            throw new InvalidOperationException($"The source run is invalid: {decoded:N0} of {total:N0} records read, {rejected} did not decode, {gaps} offset gaps.");
        }
        return total / clock.Elapsed.TotalSeconds;
    }

    /// <summary>One measured run of a whole pipeline node; returns events per second.</summary>
    internal static async Task<double> WholePipeline(
        EmbeddedKafkaBroker broker, PipelineOptions options, IReadOnlyList<ProducerRecord> dataset, long total, string storePath, bool syncWrites, ModelSettings? models, ILoggerFactory loggers,
        Action<PipelineNode, TimeSpan>? onFinished = null)
    {
        EmbeddedTopics.Create(broker, options);
        if (Directory.Exists(storePath))
        {
            Directory.Delete(storePath, recursive: true);
        }
        using var store = new RocksDbStateStore(new RocksDbStoreOptions { Path = storePath, SyncWrites = syncWrites });
        var engine = new FeatureEngine(FeatureOptions.Default, new HashItemVectors(FeatureOptions.Default.EmbeddingDim));
        var clock = Stopwatch.StartNew();
        await using var node = PipelineNode.Start(broker.BootstrapServers, options, store, engine, loggers, models: models);
        long Durable() => Enumerable.Range(0, options.Partitions).Sum(p => store.ReadOffset(options.EventsTopic, p) ?? 0);
        await ProduceBehind(broker, options, dataset, total, Durable).ConfigureAwait(false);
        var ends = CatchUp.EndOffsets(broker.BootstrapServers, options.EventsTopic, options.Partitions);
        var caughtUp = await CatchUp.WaitAsync(store, options.EventsTopic, ends, node.Pipeline.Completion, TimeSpan.FromMinutes(10)).ConfigureAwait(false);
        clock.Stop();
        await node.DrainAsync().ConfigureAwait(false);
        var metrics = node.Pipeline.Metrics;
        if (!caughtUp || metrics.SkippedOffsets > 0 || metrics.DeadLettered > 0)
        {
            throw new InvalidOperationException($"The pipeline run is invalid: caught up {caughtUp}, {metrics.SkippedOffsets} offsets skipped, {metrics.DeadLettered} dead-lettered.");
        }
        onFinished?.Invoke(node, clock.Elapsed);
        return total / clock.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// The first <paramref name="count"/> events of <paramref name="dataset"/>, framed and keyed, in
    /// memory: generating and encoding them is done before the clock starts, so the producer of a
    /// run only sends bytes and takes little of the machine from the consumer being measured.
    /// </summary>
    internal static IReadOnlyList<ProducerRecord> Encode(SyntheticDataset dataset, long count)
    {
        var codec = new EventCodec();
        return dataset.Events().Take(checked((int)count)).Select(e => DatasetPublisher.ToRecord(e, topic: "", codec)).ToList();
    }

    // Produces the dataset in chunks, never more than a window of records ahead of what the
    // consumer has taken, so the embedded broker's per-partition retention never deletes a
    // record before it is read. The producer is several times faster than either consumer, so the
    // consumer stays the bottleneck and the measured rate is the consumer's.
    private static async Task ProduceBehind(
        EmbeddedKafkaBroker broker, PipelineOptions options, IReadOnlyList<ProducerRecord> dataset, long total, Func<long> consumed)
    {
        const int CheckEvery = 1_000;
        var window = 4_000L * options.Partitions;
        using var producer = new KafkaOutputProducer(new KafkaProducerSettings { BootstrapServers = broker.BootstrapServers, ClientId = "bench-produce" });
        var delivered = new DeliveryBarrier();
        long produced = 0;
        foreach (var record in dataset)
        {
            if (produced == total)
            {
                break;
            }
            if (produced % CheckEvery == 0)
            {
                while (produced - consumed() > window)
                {
                    await Task.Delay(1).ConfigureAwait(false);
                }
            }
            producer.Produce(options.EventsTopic, record.Key, record.Value, headers: null, delivered);
            produced++;
        }
        delivered.Seal();
        await delivered.Completion.ConfigureAwait(false);
        if (produced < total)
        {
            throw new InvalidOperationException($"The dataset ended after {produced:N0} events; {total:N0} were asked for.");
        }
    }

    /// <summary>The candidates of the scoring requests among the first <paramref name="count"/> events of <paramref name="dataset"/>.</summary>
    internal static long Candidates(SyntheticDataset dataset, long count) =>
        dataset.Events().Take(checked((int)count)).Where(e => e.IsRequest).Sum(e => (long)e.Request!.Candidates.Count);

    /// <summary>The median of <paramref name="values"/>.</summary>
    internal static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}

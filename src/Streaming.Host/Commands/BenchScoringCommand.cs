using System.Diagnostics;
using System.Text.Json.Nodes;
using Streaming.Core.Datasets;
using Streaming.Core.Events;
using Streaming.Core.Features;
using Streaming.Core.Features.Vectors;
using Streaming.Inference;
using Streaming.Inference.Benchmarking;
using Streaming.Inference.Contracts;
using Streaming.Inference.Models;
using Streaming.Kafka.Embedded;
using Streaming.Pipeline;
using Streaming.Pipeline.Scoring;

namespace Streaming.Host.Commands;

/// <summary>
/// <c>streaming bench scoring</c>: the model stages and the scoring path, on the CPU.
/// <list type="number">
/// <item>the fatigue stage's ONNX model alone, per batch size (1, 16, 64, 256, 1024);</item>
/// <item>the whole scoring path (feature assembly from real user states, both stages through the
/// node's micro-batchers, results split back) at full speed, 8 partitions with 4 requests each in
/// flight;</item>
/// <item>the same path paced (open loop) at half that rate: request latency from its scheduled
/// time to its scores;</item>
/// <item>a pipeline node scoring with ONNX end to end over the embedded broker.</item>
/// </list>
/// The last line is JSON.
/// </summary>
public sealed class BenchScoringCommand : ICommand
{
    private const int Partitions = 8;
    private const int InFlightPerPartition = 4;

    /// <inheritdoc />
    public async Task<int> RunAsync(CommandLineArgs args, TextWriter output)
    {
        var seconds = args.Int("seconds", 5);
        var repeats = args.Int("repeats", 3);
        var pipelineEvents = args.Long("events", 200_000);
        var folder = DataFolder.From(args, "bench-scoring");
        args.EnsureAllUsed();

        var report = new CommandReport(output);
        using var loggers = HostLogging.Create();
        var inference = InferenceOptions.Default;

        // 1. The stage model alone.
        var contract = StageContracts.Fatigue;
        var onnx = StageModelBuilder.Build(contract, StageWeights.Initialize(contract, ModelScoring.InitialModelSeed));
        var stage = StageThroughputBenchmark.Run(contract, onnx, inference, StageThroughputBenchmark.StandardBatchSizes, TimeSpan.FromSeconds(1), repeats);
        report.Line($"fatigue stage alone (ONNX Runtime, CPU, {inference.IntraOpThreads} intra-op thread), medians of {repeats}:");
        report.Line("| batch | candidates/s | p50 batch ms | p99 batch ms |");
        report.Line("|------:|-------------:|-------------:|-------------:|");
        var stageJson = new JsonArray();
        foreach (var m in stage)
        {
            report.Line($"| {m.BatchSize,5} | {m.CandidatesPerSecond,12:N0} | {m.P50Ms,12:F3} | {m.P99Ms,12:F3} |");
            stageJson.Add(new JsonObject
            {
                ["batch"] = m.BatchSize,
                ["candidates_per_s"] = CommandReport.Round(m.CandidatesPerSecond),
                ["p50_ms"] = CommandReport.Round(m.P50Ms, 3),
                ["p99_ms"] = CommandReport.Round(m.P99Ms, 3),
            });
        }

        // 2 and 3. The scoring path over real user states.
        var engine = new FeatureEngine(FeatureOptions.Default, new HashItemVectors(FeatureOptions.Default.EmbeddingDim));
        var (states, requests) = UsersAndRequests(engine);
        var registry = Path.Combine(folder.Root, "models");
        if (Directory.Exists(registry))
        {
            Directory.Delete(registry, recursive: true);
        }
        double fullRate, halfRate;
        Percentiles latency;
        using (var scoring = ModelScoring.Start(registry, inference, loggers))
        {
            var rates = new List<double>();
            for (var r = 0; r < repeats; r++)
            {
                rates.Add(await FullSpeed(engine, scoring, states, requests, TimeSpan.FromSeconds(seconds)).ConfigureAwait(false));
            }
            fullRate = BenchPipelineCommand.Median(rates);
            (halfRate, latency) = await Paced(engine, scoring, states, requests, fullRate / 2, TimeSpan.FromSeconds(seconds)).ConfigureAwait(false);
        }
        report.Line("");
        report.Line($"scoring path (feature assembly + fatigue + uplift, {Partitions} partitions x {InFlightPerPartition} requests in flight): {fullRate:N0} candidates/s (median of {repeats})");
        report.Line($"paced at half that rate: {halfRate:N0} candidates/s, request latency p50 {latency.P50:F2} ms, p99 {latency.P99:F2} ms");

        // 4. A pipeline node scoring with ONNX end to end.
        using var broker = EmbeddedKafkaBroker.Start();
        var synthetic = new SyntheticDataset(SyntheticOptions.Default with { Interactions = pipelineEvents, Users = 20_000 });
        var candidates = BenchPipelineCommand.Candidates(synthetic, pipelineEvents);
        var dataset = BenchPipelineCommand.Encode(synthetic, pipelineEvents);
        double pipelineCandidates = 0, pipelineRequests = 0;
        var options = new PipelineOptions { EventsTopic = "bench-scoring", ScoredTopic = "bench-scoring-scored", GroupId = "bench-scoring" };
        var eventsRate = await BenchPipelineCommand.WholePipeline(broker, options, dataset, pipelineEvents, Path.Combine(folder.Root, "store"), syncWrites: true,
            new ModelSettings(registry, inference), loggers, (node, elapsed) =>
            {
                pipelineCandidates = candidates / elapsed.TotalSeconds;
                pipelineRequests = node.Pipeline.Metrics.RequestsScored / elapsed.TotalSeconds;
            }).ConfigureAwait(false);
        report.Line($"pipeline end to end with ONNX scoring ({pipelineEvents:N0} events): {eventsRate:N0} events/s, {pipelineRequests:N0} requests/s, {pipelineCandidates:N0} candidates/s");

        report.Figure("stage", stageJson);
        report.Figure("batch256_candidates_per_s", CommandReport.Round(stage.Single(m => m.BatchSize == 256).CandidatesPerSecond));
        report.Figure("scoring_path_candidates_per_s", CommandReport.Round(fullRate));
        report.Figure("half_rate_candidates_per_s", CommandReport.Round(halfRate));
        report.Figure("half_rate_request_p50_ms", CommandReport.Round(latency.P50, 2));
        report.Figure("half_rate_request_p99_ms", CommandReport.Round(latency.P99, 2));
        report.Figure("pipeline_events_per_s", CommandReport.Round(eventsRate));
        report.Figure("pipeline_candidates_per_s", CommandReport.Round(pipelineCandidates));
        report.Finish();
        return 0;
    }

    // Users with realistic histories (the synthetic log applied), and the log's requests.
    private static (Dictionary<long, UserState> States, List<ScoringRequest>[] Requests) UsersAndRequests(FeatureEngine engine)
    {
        var states = new Dictionary<long, UserState>();
        var requests = Enumerable.Range(0, Partitions).Select(_ => new List<ScoringRequest>()).ToArray();
        foreach (var e in new SyntheticDataset(SyntheticOptions.Default with { Interactions = 50_000, Users = 500 }).Events())
        {
            if (!states.TryGetValue(e.UserId, out var state))
            {
                state = engine.CreateState(e.UserId);
                states.Add(e.UserId, state);
            }
            if (e.Interaction is { } interaction)
            {
                engine.Apply(state, interaction);
            }
            else
            {
                // A user's state is read by one thread only, as in the pipeline (one user, one partition).
                requests[(int)(e.UserId % Partitions)].Add(e.Request!);
            }
        }
        return (states, requests);
    }

    private static async Task<double> FullSpeed(FeatureEngine engine, ModelScoring scoring, Dictionary<long, UserState> states, List<ScoringRequest>[] requests, TimeSpan duration)
    {
        long candidates = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Partitions).Select(p => Task.Run(async () =>
        {
            var scorer = new OnnxRequestScorer(engine, scoring);
            var inFlight = new Queue<PendingScore>();
            long scored = 0;
            var mine = requests[p];
            for (var i = 0; clock.Elapsed < duration; i = (i + 1) % mine.Count)
            {
                var request = mine[i];
                inFlight.Enqueue(scorer.Begin(states[request.UserId], request, p, i, logInputs: false));
                if (inFlight.Count == InFlightPerPartition)
                {
                    scored += (await inFlight.Dequeue().CompleteAsync(samples: null, CancellationToken.None).ConfigureAwait(false)).Scores.Count;
                }
            }
            while (inFlight.Count > 0)
            {
                scored += (await inFlight.Dequeue().CompleteAsync(samples: null, CancellationToken.None).ConfigureAwait(false)).Scores.Count;
            }
            Interlocked.Add(ref candidates, scored);
        }))).ConfigureAwait(false);
        return candidates / clock.Elapsed.TotalSeconds;
    }

    // Open loop: requests are due at a fixed pace whatever the previous ones did; a request's
    // latency runs from when it was due to when its scores are back.
    private static async Task<(double Rate, Percentiles Latency)> Paced(
        FeatureEngine engine, ModelScoring scoring, Dictionary<long, UserState> states, List<ScoringRequest>[] requests, double candidatesPerSecond, TimeSpan duration)
    {
        var meanCandidates = requests.SelectMany(r => r).Average(r => r.Candidates.Count);
        var interval = TimeSpan.FromSeconds(Partitions * meanCandidates / candidatesPerSecond);
        var latencies = new List<double>[Partitions];
        long candidates = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Partitions).Select(p => Task.Run(async () =>
        {
            var scorer = new OnnxRequestScorer(engine, scoring);
            var mine = latencies[p] = [];
            var queue = requests[p];
            var completions = new List<Task>();
            var due = TimeSpan.FromTicks(interval.Ticks * p / Partitions);
            for (var i = 0; due < duration; i = (i + 1) % queue.Count, due += interval)
            {
                var wait = due - clock.Elapsed;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait).ConfigureAwait(false);
                }
                var request = queue[i];
                var pending = scorer.Begin(states[request.UserId], request, p, i, logInputs: false);
                var dueAt = due;
                completions.Add(Task.Run(async () =>
                {
                    var scored = await pending.CompleteAsync(samples: null, CancellationToken.None).ConfigureAwait(false);
                    var ms = (clock.Elapsed - dueAt).TotalMilliseconds;
                    lock (mine)
                    {
                        mine.Add(ms);
                    }
                    Interlocked.Add(ref candidates, scored.Scores.Count);
                }));
            }
            await Task.WhenAll(completions).ConfigureAwait(false);
        }))).ConfigureAwait(false);
        var all = latencies.SelectMany(l => l).Order().ToList();
        return (candidates / clock.Elapsed.TotalSeconds, new Percentiles(all[all.Count / 2], all[(int)(all.Count * 0.99)]));
    }

    private readonly record struct Percentiles(double P50, double P99);
}

using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Streaming.Core.Features;
using Streaming.Kafka.Producer;
using Streaming.Pipeline.Scoring;
using Streaming.State;

namespace Streaming.Pipeline.Replay;

/// <summary>
/// Runs one replay: the range's records through the same pipeline as production (decode, apply,
/// score, checkpoint), with state rebuilt from empty in the replay's namespace, outputs to the
/// replay's topics, models pinned, and a source of assigned partitions that stops at the range's
/// end. Production's state, topics and consumer group are never touched.
/// </summary>
public static class ReplayRunner
{
    /// <summary>Runs the replay to the end of its range.</summary>
    /// <param name="settings">The range, namespace, topics and models.</param>
    /// <param name="store">The store to write into, already in the replay's namespace (e.g. <c>RocksDbStateStore.WithNamespace</c>) and empty there.</param>
    /// <param name="engine">The feature engine.</param>
    /// <param name="loggers">Where it logs.</param>
    /// <param name="onProgress">Called about every 100 ms with the records durable so far.</param>
    /// <param name="cancellation">Stops the replay (its outputs are then partial).</param>
    /// <param name="samples">
    /// A training sample log of the replay's own (for a backfill under a new feature layout), or null,
    /// the default: a replay logs nothing, so production's sample log never sees its rows.
    /// </param>
    /// <exception cref="InvalidOperationException">The namespace is not empty or is production's, or the pipeline failed.</exception>
    public static async Task<ReplayOutcome> RunAsync(
        ReplaySettings settings,
        IStateStore store,
        FeatureEngine engine,
        ILoggerFactory loggers,
        Action<long>? onProgress = null,
        CancellationToken cancellation = default,
        Training.ISampleLog? samples = null)
    {
        var range = settings.Range;
        range.EnsureValid();
        if (store.Namespace != settings.Namespace)
        {
            throw new InvalidOperationException($"The store is in namespace '{store.Namespace}', the replay in '{settings.Namespace}'.");
        }
        EnsureEmpty(store, range);
        Seed(store, range);

        var options = settings.PipelineOptions;
        var scoredStart = EndOffsets(settings.BootstrapServers, settings.ScoredTopic);
        var pinned = settings.Models;
        using var models = pinned is null ? null : ModelScoring.Start(pinned, loggers);
        var versions = models is null
            ? (IReadOnlyList<string>)["baseline"]
            : [Version("fatigue", models.Fatigue.Stage.ServingVersion), Version("uplift", models.Uplift.Stage.ServingVersion)];
        Func<IRequestScorer> scorers = models is null ? () => new BaselineScorer(engine) : () => new OnnxRequestScorer(engine, models);
        using var producer = new KafkaOutputProducer(new KafkaProducerSettings { BootstrapServers = settings.BootstrapServers, ClientId = "streaming-replay" });
        var progress = new List<(double, long)>();
        var clock = Stopwatch.StartNew();
        PipelineMetrics metrics;
        await using (var runtime = new StreamRuntime("replay"))
        {
            var (partitions, control) = AssignedRangeSource.Create(settings.BootstrapServers, range);
            var pipeline = StreamingPipeline.Start(runtime.Materializer, options, partitions, control, store, engine, scorers, producer, loggers, samples);
            using var stop = cancellation.Register(pipeline.Abort);
            while (!pipeline.Completion.IsCompleted)
            {
                var done = Durable(store, range);
                progress.Add((clock.Elapsed.TotalSeconds, done));
                onProgress?.Invoke(done);
                await Task.WhenAny(pipeline.Completion, Task.Delay(100, CancellationToken.None)).ConfigureAwait(false);
            }
            await pipeline.Completion.ConfigureAwait(false);
            clock.Stop();
            metrics = pipeline.Metrics;
            // Pinned stages have no follower, so nothing can swap them; a change here is a bug.
            if (models is not null && !versions.SequenceEqual([Version("fatigue", models.Fatigue.Stage.ServingVersion), Version("uplift", models.Uplift.Stage.ServingVersion)]))
            {
                throw new InvalidOperationException("A pinned model stage changed version during the replay.");
            }
        }
        var final = Durable(store, range);
        progress.Add((clock.Elapsed.TotalSeconds, final));
        onProgress?.Invoke(final);
        cancellation.ThrowIfCancellationRequested();
        return new ReplayOutcome(settings, versions, metrics.InteractionsApplied, metrics.RequestsScored, metrics.DeadLettered, metrics.SkippedOffsets,
            clock.Elapsed, progress, scoredStart);
    }

    /// <summary>Records of the range covered by durable state in the replay's namespace.</summary>
    public static long Durable(IStateStore store, ReplayRange range)
    {
        long done = 0;
        foreach (var (partition, start) in range.Start)
        {
            done += Math.Min(range.End[partition], store.ReadOffset(range.Topic, partition) ?? start) - start;
        }
        return done;
    }

    private static string Version(string stage, long? version) =>
        stage + "=" + (version?.ToString(CultureInfo.InvariantCulture) ?? "none");

    // Rebuilding from empty means exactly that: a namespace that already holds state (an earlier
    // replay, or production's own) is refused rather than mixed into.
    private static void EnsureEmpty(IStateStore store, ReplayRange range)
    {
        if (store.UserIds().Any() || range.Start.Keys.Any(p => store.ReadOffset(range.Topic, p) is not null))
        {
            throw new InvalidOperationException($"Namespace '{store.Namespace}' of the store already holds state; a replay rebuilds state from empty. Choose another --namespace.");
        }
    }

    // The pipeline resumes each partition at the offset the store holds; an empty namespace would
    // make it expect offset 0 and report the range's start as a gap. Storing the start first (no
    // users) makes "state from empty at the range's start" the durable starting point.
    private static void Seed(IStateStore store, ReplayRange range)
    {
        foreach (var (partition, start) in range.Start)
        {
            var result = store.Commit(new StateBatch(range.Topic, partition, ExpectedOffset: null, NextOffset: start, Users: []));
            if (result != CommitResult.Committed)
            {
                throw new InvalidOperationException($"Partition {partition}'s start offset could not be stored in namespace '{store.Namespace}': {result}.");
            }
        }
    }

    private static Dictionary<int, long> EndOffsets(string bootstrapServers, string topic)
    {
        using var resolver = new RangeResolver(bootstrapServers, topic);
        try
        {
            var partitions = resolver.PartitionCount(bootstrapServers);
            return Enumerable.Range(0, partitions).ToDictionary(p => p, p => resolver.Watermarks(p).High);
        }
        catch (InvalidOperationException)
        {
            // Not created yet (a broker that creates topics on first write): outputs start at 0.
            return [];
        }
    }
}

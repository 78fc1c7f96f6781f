using Microsoft.Extensions.Logging;
using Streaming.Core.Features;
using Streaming.Core.Features.Vectors;
using Streaming.Host.Training;
using Streaming.Pipeline;
using Streaming.Pipeline.Health;
using Streaming.Pipeline.Training;
using Streaming.State;
using Streaming.Training.Job;

namespace Streaming.Host.Commands;

/// <summary>
/// <c>streaming run</c>: one always-on pipeline node. Runs until SIGINT/SIGTERM, then drains:
/// stops fetching, finishes and checkpoints what it holds, commits, leaves the group. With
/// <c>--health-port</c> it serves its health as JSON on 127.0.0.1 (see <see cref="HealthEndpoint"/>).
/// </summary>
public sealed class RunCommand : ICommand
{
    /// <inheritdoc />
    public async Task<int> RunAsync(CommandLineArgs args, TextWriter output)
    {
        var bootstrap = BootstrapArgs.From(args);
        var folder = DataFolder.From(args, "run");
        var config = PipelineConfig.From(args);
        var options = config.Pipeline with
        {
            GroupId = args.String("group", config.Pipeline.GroupId),
            MaxPayloadBytes = args.Int("max-payload-bytes", config.Pipeline.MaxPayloadBytes),
        };
        var models = ModelArgs.From(args, folder, config.Inference);
        var healthPort = args.Int("health-port", 0);
        var sessionTimeoutMs = args.Int("session-timeout-ms", 0);
        var syncWrites = !args.Flag("no-sync");
        var training = config.TrainingFrom(args);
        var vectors = ItemVectorsArgs.From(args, config.Features);
        args.EnsureAllUsed();
        if (healthPort is < 0 or > 65_535)
        {
            throw new UsageException($"--health-port must be a TCP port, got {healthPort}.");
        }

        using var signal = new ShutdownSignal();
        using var loggers = HostLogging.Create();
        Directory.CreateDirectory(folder.Root);
        using var store = new RocksDbStateStore(new RocksDbStoreOptions { Path = folder.Store, SyncWrites = syncWrites });
        var engine = new FeatureEngine(config.Features, vectors);
        // Declared before the node, so disposed after it: the node's last checkpoints still write samples.
        using var samples = SampleLogs.Create(training, folder.Root, bootstrap);
        await using var node = PipelineNode.Start(bootstrap, options, store, engine, loggers,
            sessionTimeoutMs > 0 ? source => source with { SessionTimeout = TimeSpan.FromMilliseconds(sessionTimeoutMs) } : null,
            models, samples);
        await using var health = healthPort > 0 ? HealthEndpoint.Start(healthPort, node.Pipeline, store) : null;
        await using var retraining = Retraining(training, config, vectors, folder, bootstrap, node, loggers, output);
        await output.WriteLineAsync($"pipeline running against {bootstrap}, group {options.GroupId}, store {folder.Store}; Ctrl-C drains and stops").ConfigureAwait(false);
        await output.WriteLineAsync(samples switch
        {
            FileSampleLog file => $"training samples to {file.Root} (sample rate {training.SampleRate})",
            KafkaSampleLog => $"training samples to topic {training.SamplesTopic} (sample rate {training.SampleRate})",
            _ => "training samples off",
        }).ConfigureAwait(false);
        if (health is not null)
        {
            await output.WriteLineAsync($"health at {health.Url}").ConfigureAwait(false);
        }
        await output.FlushAsync().ConfigureAwait(false);
        var finished = await Task.WhenAny(signal.Requested, node.Pipeline.Completion).ConfigureAwait(false);
        if (finished == node.Pipeline.Completion)
        {
            await node.Pipeline.Completion.ConfigureAwait(false);
            return 1;
        }
        await output.WriteLineAsync("draining...").ConfigureAwait(false);
        await node.DrainAsync().ConfigureAwait(false);
        var metrics = node.Pipeline.Metrics;
        await output.WriteLineAsync($"stopped: applied {metrics.InteractionsApplied:N0} interactions, scored {metrics.RequestsScored:N0} requests, dead-lettered {metrics.DeadLettered:N0}").ConfigureAwait(false);
        return 0;
    }

    // training.interval: retrain on this node's sample log and publish into the registry its own
    // stages follow, so a version that passes the gate is served without a restart.
    private static TrainingSchedule? Retraining(TrainingOptions training, PipelineConfig config, IItemVectors vectors, DataFolder folder,
        string bootstrap, PipelineNode node, ILoggerFactory loggers, TextWriter output)
    {
        if (training.Interval is not { } interval)
        {
            return null;
        }

        if (node.Models is not { } scoring || training.SampleLog == SampleLogMode.Off)
        {
            throw new UsageException("training.interval needs the ONNX scorer and a sample log (training.sample_log file or kafka).");
        }

        var source = new SampleLogArgs(training.SampleLog == SampleLogMode.Kafka ? bootstrap : null, training.SamplesTopic, SampleLogs.Folder(folder.Root));
        var job = new TrainingJob(training, config.Features, vectors);
        output.WriteLine($"retraining every {interval} on {(source.Bootstrap is null ? source.Folder : "topic " + source.Topic)}, publishing into {scoring.Registry.Root}");
        var schedule = new TrainingSchedule(
            interval,
            cancellation => job.Run(source.Read(config.Features).Set, scoring.Registry, StageModels.Stages, cancellation),
            loggers.CreateLogger<TrainingSchedule>());
        schedule.RoundCompleted += reports =>
        {
            foreach (var r in reports)
            {
                var metric = job.Gate.MetricOf(r.Stage);
                var score = r.Candidate.TryGetValue(metric, out var value) ? $"{metric} {value:F4}; " : "";
                output.WriteLine($"retraining {r.Stage}: {r.Outcome}{(r.PublishedVersion is { } v ? $" as v{v}" : "")} ({score}{r.Detail})");
            }

            output.WriteLine($"serving now: fatigue v{scoring.Fatigue.Stage.ServingVersion}, uplift v{scoring.Uplift.Stage.ServingVersion} (a published version is picked up within inference.registry_poll)");
            output.Flush();
        };
        return schedule;
    }
}

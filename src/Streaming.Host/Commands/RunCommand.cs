using Streaming.Core.Features;
using Streaming.Pipeline;
using Streaming.Pipeline.Health;
using Streaming.Pipeline.Training;
using Streaming.State;

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
}

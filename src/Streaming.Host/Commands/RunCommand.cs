using Streaming.Core.Features;
using Streaming.Core.Features.Vectors;
using Streaming.Pipeline;
using Streaming.State;

namespace Streaming.Host.Commands;

/// <summary>
/// <c>streaming run</c>: one always-on pipeline node. Runs until SIGINT/SIGTERM, then drains:
/// stops fetching, finishes and checkpoints what it holds, commits, leaves the group.
/// </summary>
public sealed class RunCommand : ICommand
{
    /// <inheritdoc />
    public async Task<int> RunAsync(CommandLineArgs args, TextWriter output)
    {
        var bootstrap = BootstrapArgs.From(args);
        var folder = DataFolder.From(args, "run");
        var options = new PipelineOptions { GroupId = args.String("group", "streaming") };
        var models = ModelArgs.From(args, folder);
        args.EnsureAllUsed();

        using var signal = new ShutdownSignal();
        using var loggers = HostLogging.Create();
        Directory.CreateDirectory(folder.Root);
        using var store = new RocksDbStateStore(new RocksDbStoreOptions { Path = folder.Store });
        var engine = new FeatureEngine(FeatureOptions.Default, new HashItemVectors(FeatureOptions.Default.EmbeddingDim));
        await using var node = PipelineNode.Start(bootstrap, options, store, engine, loggers, models: models);
        await output.WriteLineAsync($"pipeline running against {bootstrap}, group {options.GroupId}, store {folder.Store}; Ctrl-C drains and stops").ConfigureAwait(false);
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

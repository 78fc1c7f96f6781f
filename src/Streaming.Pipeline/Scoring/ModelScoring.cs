using Microsoft.Extensions.Logging;
using Streaming.Inference;
using Streaming.Inference.Batching;
using Streaming.Inference.Contracts;
using Streaming.Inference.Registry;
using Streaming.Inference.Serving;

namespace Streaming.Pipeline.Scoring;

/// <summary>
/// A node's model stages: the <c>fatigue</c> and <c>uplift</c> ONNX models, each served from the
/// model registry behind a micro-batcher shared by all partitions, and kept on the newest version
/// the registry announces (hot swap without stopping). A registry with no version of a stage gets
/// the seeded initial model, so the pipeline scores with a real ONNX model from its first request.
/// </summary>
public sealed class ModelScoring : IDisposable
{
    /// <summary>The seed of the initial models published into an empty registry.</summary>
    public const ulong InitialModelSeed = 20_241_128;

    private readonly ModelWatcher? _watcher;
    private readonly ModelFollower[] _followers;
    private readonly ModelStage[] _stages;

    private ModelScoring(ModelRegistry registry, MicroBatcher fatigue, MicroBatcher uplift, ModelWatcher? watcher, ModelFollower[] followers, InferenceOptions options)
    {
        Registry = registry;
        Fatigue = fatigue;
        Uplift = uplift;
        Options = options;
        _watcher = watcher;
        _followers = followers;
        _stages = [fatigue.Stage, uplift.Stage];
    }

    /// <summary>The registry the stages follow.</summary>
    public ModelRegistry Registry { get; }

    /// <summary>The fatigue stage's batcher (one row per candidate).</summary>
    public MicroBatcher Fatigue { get; }

    /// <summary>The uplift stage's batcher (one row per request).</summary>
    public MicroBatcher Uplift { get; }

    /// <summary>Batch size, delay and the requested execution provider.</summary>
    public InferenceOptions Options { get; }

    /// <summary>The execution provider the stages' sessions run on: the CPU when CUDA was requested but is unavailable.</summary>
    public ExecutionProvider Provider => Registry.Sessions.Provider;

    /// <summary>Opens the registry at <paramref name="registryRoot"/>, loads the newest version of each stage and starts batching and watching.</summary>
    public static ModelScoring Start(string registryRoot, InferenceOptions options, ILoggerFactory loggers) =>
        Start(new ModelSettings(registryRoot, options), loggers);

    /// <summary>
    /// Opens the registry of <paramref name="settings"/> and starts batching. Without pinned versions
    /// it serves the newest version of each stage and follows newer ones; with them it serves exactly
    /// the pinned versions (the newest at start for a stage not named) and never swaps.
    /// </summary>
    /// <exception cref="InvalidOperationException">A stage has no version that can serve, or a pinned version cannot be loaded.</exception>
    public static ModelScoring Start(ModelSettings settings, ILoggerFactory loggers)
    {
        var options = settings.Inference;
        var registryRoot = settings.RegistryRoot;
        var pinned = settings.PinnedVersions;
        options.Validate();
        var logger = loggers.CreateLogger<ModelScoring>();
        var counters = new InferenceCounters();
        var registry = new ModelRegistry(registryRoot, new OnnxSessionFactory(options, logger), logger, counters);
        StageContract[] contracts = [StageContracts.Fatigue, StageContracts.Uplift];
        foreach (var stageName in pinned?.Keys ?? [])
        {
            if (!contracts.Any(c => c.Stage == stageName))
            {
                throw new InvalidOperationException($"No model stage is called '{stageName}' (stages: {string.Join(", ", contracts.Select(c => c.Stage))}).");
            }
        }
        var batchers = new List<MicroBatcher>();
        foreach (var contract in contracts)
        {
            InitialModels.EnsurePublished(registry, contract, InitialModelSeed, DateTimeOffset.UtcNow);
            var stage = new ModelStage(contract, options, logger, counters);
            var version = pinned is not null && pinned.TryGetValue(contract.Stage, out var exact)
                ? exact
                : registry.LatestVersion(contract.Stage)
                    ?? throw new InvalidOperationException($"The registry at {registryRoot} has no version of stage '{contract.Stage}'.");
            var load = registry.Load(contract.Stage, version);
            if (load.Model is null || stage.TrySwap(load.Model) != SwapStatus.Swapped)
            {
                throw new InvalidOperationException($"Stage '{contract.Stage}' version {version} in {registryRoot} cannot serve: {load.Status}: {load.Detail}");
            }
            var batcher = new MicroBatcher(stage, options, logger);
            batcher.Start();
            batchers.Add(batcher);
        }
        if (pinned is not null)
        {
            // Pinned: nothing watches the registry, so nothing can swap a stage.
            return new ModelScoring(registry, batchers[0], batchers[1], watcher: null, [], options);
        }
        var watcher = new ModelWatcher(registry, [StageContracts.Fatigue.Stage, StageContracts.Uplift.Stage], options, logger, counters);
        ModelFollower[] followers = [new(registry, batchers[0].Stage, watcher), new(registry, batchers[1].Stage, watcher)];
        watcher.Start();
        return new ModelScoring(registry, batchers[0], batchers[1], watcher, followers, options);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _watcher?.Dispose();
        foreach (var follower in _followers)
        {
            follower.Dispose();
        }
        Fatigue.Dispose();
        Uplift.Dispose();
        foreach (var stage in _stages)
        {
            stage.Dispose();
        }
    }
}

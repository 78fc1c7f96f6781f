using Streaming.Inference;

namespace Streaming.Pipeline.Scoring;

/// <summary>Where a node's model stages come from.</summary>
/// <param name="RegistryRoot">The model registry folder (docs/models.md); an empty one gets the seeded initial models.</param>
/// <param name="Inference">Micro-batching and execution-provider options.</param>
public sealed record ModelSettings(string RegistryRoot, InferenceOptions Inference)
{
    /// <summary>
    /// Stage name to the exact version to serve, or null (the default) to serve the newest version
    /// and follow newer ones as they are published. When set, the stages never swap: every stage
    /// named serves exactly that version (a missing one is an error), every stage not named serves
    /// the newest version at start, and none follows the registry. Replays pin, so that a version
    /// published during a replay cannot change its outputs.
    /// </summary>
    public IReadOnlyDictionary<string, long>? PinnedVersions { get; init; }
}

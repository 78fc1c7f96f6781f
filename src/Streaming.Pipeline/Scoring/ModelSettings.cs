using Streaming.Inference;

namespace Streaming.Pipeline.Scoring;

/// <summary>Where a node's model stages come from.</summary>
/// <param name="RegistryRoot">The model registry folder (docs/models.md); an empty one gets the seeded initial models.</param>
/// <param name="Inference">Micro-batching and execution-provider options.</param>
public sealed record ModelSettings(string RegistryRoot, InferenceOptions Inference);

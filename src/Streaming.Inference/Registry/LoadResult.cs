using Streaming.Inference.Serving;

namespace Streaming.Inference.Registry;

/// <summary>The outcome of a load; on <see cref="LoadStatus.Loaded"/> the caller owns <see cref="Model"/>.</summary>
/// <param name="Status">What happened.</param>
/// <param name="Detail">Why it was refused (empty when loaded).</param>
/// <param name="Model">The loaded model, when loaded.</param>
/// <param name="Manifest">The model's manifest, when it could be read.</param>
public readonly record struct LoadResult(LoadStatus Status, string Detail, LoadedModel? Model, ModelManifest? Manifest);

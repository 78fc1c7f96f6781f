namespace Streaming.Inference.Registry;

/// <summary>The outcome of a publication.</summary>
/// <param name="Status">What happened.</param>
/// <param name="Detail">Why it was refused (empty when published).</param>
/// <param name="Manifest">The written manifest, when published.</param>
public readonly record struct PublishResult(PublishStatus Status, string Detail, ModelManifest? Manifest);

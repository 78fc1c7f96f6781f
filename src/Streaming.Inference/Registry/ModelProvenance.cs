namespace Streaming.Inference.Registry;

/// <summary>What the publisher states about a model: when it was made, from which data, how it scored.</summary>
/// <param name="CreatedAt">When the model was produced.</param>
/// <param name="TrainingDataOffsets">Per <c>topic/partition</c>, the last training-sample offset used.</param>
/// <param name="Metrics">Evaluation metrics by name.</param>
/// <param name="Attachments">Files to publish beside the model, by plain file name (no folders).</param>
public sealed record ModelProvenance(
    DateTimeOffset CreatedAt,
    IReadOnlyDictionary<string, long>? TrainingDataOffsets = null,
    IReadOnlyDictionary<string, double>? Metrics = null,
    IReadOnlyDictionary<string, byte[]>? Attachments = null);

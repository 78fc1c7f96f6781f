using static TorchSharp.torch;

namespace Streaming.Training.Models;

/// <summary>One minibatch of labelled logged rows, as tensors on the CPU.</summary>
/// <param name="Features">[B, RowLength] float32: the flattened contract features as served.</param>
/// <param name="Labels">[B] float32: engaged (0/1) for <c>fatigue</c>; the long-play ratio for <c>uplift</c>.</param>
/// <param name="ItemIds">[B] int64: the candidates' item ids (<c>fatigue</c>), for ID embeddings; null for <c>uplift</c>.</param>
/// <param name="Treatments">[B] int64: the served treatment (0, 1, 2) (<c>uplift</c>); null for <c>fatigue</c>.</param>
public sealed record TrainingBatch(Tensor Features, Tensor Labels, Tensor? ItemIds, Tensor? Treatments);

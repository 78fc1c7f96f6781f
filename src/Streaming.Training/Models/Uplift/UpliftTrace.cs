using static TorchSharp.torch;

namespace Streaming.Training.Models.Uplift;

/// <summary>One forward pass of <see cref="UpliftNetwork"/> with the values its invariants are stated on.</summary>
/// <param name="Logits">[N, treatments]: the long-play ratio logits.</param>
/// <param name="NormalisedExperts">[N, E, H]: each expert after layer normalisation, before its scale and shift.</param>
/// <param name="Gates">[N, treatments, E]: each treatment's mixing weights over the experts (softmax).</param>
internal sealed record UpliftTrace(Tensor Logits, Tensor NormalisedExperts, Tensor Gates);

using static TorchSharp.torch;

namespace Streaming.Training.Models.Fatigue;

/// <summary>
/// The two branch logits of a batch, each [B, 1]; the model's engagement logit is
/// <c>Interest − tanh(Fatigue)</c> (FRec).
/// </summary>
internal sealed record FatigueLogits(Tensor Interest, Tensor Fatigue)
{
    /// <summary>FRec's combination: interest pulled down (or up) by at most one logit unit of fatigue.</summary>
    public Tensor Engagement() => Interest - Fatigue.tanh();
}

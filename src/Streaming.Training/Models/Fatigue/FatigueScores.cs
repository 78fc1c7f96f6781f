namespace Streaming.Training.Models.Fatigue;

/// <summary>The two outputs of the <c>fatigue</c> stage for a batch, one value per row each.</summary>
/// <param name="PEngage">p_engage = σ(interest − tanh(fatigue logit)), in [0, 1].</param>
/// <param name="Fatigue">fatigue = σ(fatigue logit), in [0, 1].</param>
public sealed record FatigueScores(float[] PEngage, float[] Fatigue);

namespace Streaming.Training.Models.Uplift;

/// <summary>
/// The shape of the <c>uplift</c> model (<see cref="UpliftModel"/>). Optimiser settings (learning
/// rate, batch size, epochs) belong to the training job, not here. Call <see cref="Validate"/> once
/// where the options are built.
/// </summary>
public sealed record UpliftModelOptions
{
    /// <summary>The defaults.</summary>
    public static UpliftModelOptions Default { get; } = new();

    /// <summary>
    /// Shared experts every treatment's gate mixes. Four is enough for three treatments: each gate
    /// can specialise on a subset while the control tower still shares what all of them learn.
    /// </summary>
    public int Experts { get; init; } = 4;

    /// <summary>Width of each expert's output (the layer-normalised, Swish-activated vector).</summary>
    public int ExpertWidth { get; init; } = 64;

    /// <summary>Hidden width of each treatment tower.</summary>
    public int TowerWidth { get; init; } = 32;

    /// <summary>
    /// Rank of the low-rank input feature gate (HoME's LoRA-style feature gate,
    /// 2·sigmoid(x·A·B) element-wise on the input); 0 leaves the gate out.
    /// </summary>
    public int FeatureGateRank { get; init; } = 16;

    /// <summary>Seed of the initial weights: the same seed and options give the same model.</summary>
    public long Seed { get; init; } = 1;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid option; returns this.</summary>
    public UpliftModelOptions Validate()
    {
        Check(Experts >= 1, nameof(Experts), "must be at least 1");
        Check(ExpertWidth >= 2, nameof(ExpertWidth), "must be at least 2 (layer normalisation of one value is constant)");
        Check(TowerWidth >= 1, nameof(TowerWidth), "must be at least 1");
        Check(FeatureGateRank >= 0, nameof(FeatureGateRank), "must not be negative (0 turns the feature gate off)");
        return this;
    }

    private static void Check(bool ok, string name, string why)
    {
        if (!ok)
        {
            throw new ArgumentOutOfRangeException(name, $"UpliftModelOptions.{name} {why}.");
        }
    }
}

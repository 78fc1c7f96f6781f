namespace Streaming.Training.Models.Fatigue;

/// <summary>
/// The shape and initialisation of <see cref="FatigueModel"/>. The defaults keep the model small
/// enough to train 100k rows per epoch in about 3 s of one CPU core (docs/fatigue-model.md has
/// the architecture and the measured numbers).
/// </summary>
public sealed record FatigueModelOptions
{
    /// <summary>Hidden units of the interest branch's MLP (one hidden layer).</summary>
    public int InterestHidden { get; init; } = 64;

    /// <summary>Hidden units of the fatigue branch's head (one hidden layer).</summary>
    public int FatigueHidden { get; init; } = 64;

    /// <summary>DCN-v2 cross layers over the interest-aware fatigue features (x_{l+1} = x0 ⊙ (W x_l + b) + x_l).</summary>
    public int CrossLayers { get; init; } = 2;

    /// <summary>Channels of each causal convolution of the temporal module.</summary>
    public int ConvChannels { get; init; } = 16;

    /// <summary>Stacked causal convolutions over the recent window (each one sees <see cref="ConvKernel"/> positions).</summary>
    public int ConvLayers { get; init; } = 2;

    /// <summary>Kernel width of each causal convolution (positions t-k+1 .. t).</summary>
    public int ConvKernel { get; init; } = 3;

    /// <summary>
    /// Fixed factor on <c>counts</c> (ln(1+n), up to ~7.6 at 2,000 events a day), bringing them to
    /// the unit range the multiplicative cross layers need to start unsaturated; part of the graph.
    /// </summary>
    public float CountScale { get; init; } = 0.25f;

    /// <summary>Fixed factor on <c>time_features</c> (ln seconds, up to ~11 for a day); part of the graph.</summary>
    public float TimeScale { get; init; } = 0.1f;

    /// <summary>
    /// Standard deviation of the item-ID offsets Δ when drawn (construction and
    /// <see cref="FatigueModel.ReinitialiseEmbeddings"/>); small against a unit vector's components (~0.18).
    /// </summary>
    public double EmbeddingInitStd { get; init; } = 0.01;

    /// <summary>Seed of every random draw the model makes (initial weights, Δ redraws), so a run is reproducible.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Returns these options, or throws <see cref="ArgumentOutOfRangeException"/> naming the first invalid one.</summary>
    public FatigueModelOptions Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(InterestHidden, 1, nameof(InterestHidden));
        ArgumentOutOfRangeException.ThrowIfLessThan(FatigueHidden, 1, nameof(FatigueHidden));
        ArgumentOutOfRangeException.ThrowIfNegative(CrossLayers, nameof(CrossLayers));
        ArgumentOutOfRangeException.ThrowIfLessThan(ConvChannels, 1, nameof(ConvChannels));
        ArgumentOutOfRangeException.ThrowIfLessThan(ConvLayers, 1, nameof(ConvLayers));
        ArgumentOutOfRangeException.ThrowIfLessThan(ConvKernel, 1, nameof(ConvKernel));
        if (!(CountScale > 0) || !float.IsFinite(CountScale))
        {
            throw new ArgumentOutOfRangeException(nameof(CountScale), CountScale, "must be positive and finite");
        }

        if (!(TimeScale > 0) || !float.IsFinite(TimeScale))
        {
            throw new ArgumentOutOfRangeException(nameof(TimeScale), TimeScale, "must be positive and finite");
        }

        if (!(EmbeddingInitStd >= 0) || !double.IsFinite(EmbeddingInitStd))
        {
            throw new ArgumentOutOfRangeException(nameof(EmbeddingInitStd), EmbeddingInitStd, "must be non-negative and finite");
        }

        return this;
    }
}

namespace Streaming.Core.Features.Fatigue;

/// <summary>
/// The fatigue features of one candidate at one scoring time (SPEC §3), filled by
/// <see cref="FatigueEngine.Compute"/>. Reusable: allocate one per worker and refill it; every
/// member is overwritten by each computation. Undefined values are NaN; the masks are 1 where a
/// value is defined and 0 where it is not (the model stages feed 0 with the mask).
/// </summary>
public sealed class FatigueFeatures
{
    internal readonly float[] SMatrix;
    internal readonly float[] MMatrix;
    internal readonly float[] MMaskMatrix;
    internal readonly float[] SimVector;
    internal readonly float[] SimMaskVector;
    internal readonly float[] RecentVectorsMatrix;
    internal readonly int[] NAllCounts;
    internal readonly int[] NSameItemCounts;
    internal readonly int[] NSameCategoryCounts;
    internal readonly int[] NSimilarCounts;
    internal readonly double[] Gaps;

    /// <summary>Creates a features object sized for <paramref name="options"/>.</summary>
    /// <param name="options">T, K, d and the windows.</param>
    public FatigueFeatures(FeatureOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Recent = options.FatigueRecent;
        InterestCount = options.FatigueInterests;
        var windows = options.FatigueWindowsMs.Count;
        SMatrix = new float[Recent * Recent];
        MMatrix = new float[Recent * InterestCount];
        MMaskMatrix = new float[Recent * InterestCount];
        SimVector = new float[Recent];
        SimMaskVector = new float[Recent];
        RecentVectorsMatrix = new float[Recent * options.EmbeddingDim];
        NAllCounts = new int[windows];
        NSameItemCounts = new int[windows];
        NSameCategoryCounts = new int[windows];
        NSimilarCounts = new int[windows];
        Gaps = new double[Math.Max(Recent - 1, 0)];
    }

    /// <summary>T, the length of the recent window.</summary>
    public int Recent { get; }

    /// <summary>K, the number of interests.</summary>
    public int InterestCount { get; }

    /// <summary>S (T x T, row-major): cosines between the items of R; NaN where a position is missing.</summary>
    public ReadOnlySpan<float> S => SMatrix;

    /// <summary>M (T x K, row-major): <c>1 / (1 + |P[t][k] - e(c) . u_k|)</c>; NaN where R_t is missing or interest k is not seeded.</summary>
    public ReadOnlySpan<float> M => MMatrix;

    /// <summary>Mask of M (T x K): 1 where defined.</summary>
    public ReadOnlySpan<float> MMask => MMaskMatrix;

    /// <summary>sim (T): <c>cos(e(R_t), e(c))</c>; NaN where R_t is missing.</summary>
    public ReadOnlySpan<float> Sim => SimVector;

    /// <summary>Mask of sim and of R (T): 1 where R_t exists.</summary>
    public ReadOnlySpan<float> SimMask => SimMaskVector;

    /// <summary>The vectors of R (T x d, row-major, oldest first); zero where R_t is missing.</summary>
    public ReadOnlySpan<float> RecentVectors => RecentVectorsMatrix;

    /// <summary>n_all per window (in the order of <c>fatigue.windows</c>): interactions with time in (t - w, t].</summary>
    public ReadOnlySpan<int> NAll => NAllCounts;

    /// <summary>n_same_item per window: those with the candidate's item.</summary>
    public ReadOnlySpan<int> NSameItem => NSameItemCounts;

    /// <summary>n_same_category per window: those with the candidate's category, both known (an unknown category matches nothing).</summary>
    public ReadOnlySpan<int> NSameCategory => NSameCategoryCounts;

    /// <summary>n_similar per window: those with <c>cos(e, e(c)) &gt;= fatigue.similar_threshold</c>.</summary>
    public ReadOnlySpan<int> NSimilar => NSimilarCounts;

    /// <summary>The T - 1 gaps in seconds between consecutive items of R, oldest first; NaN where either is missing.</summary>
    public ReadOnlySpan<double> GapS => Gaps;

    /// <summary>Seconds from the user's latest interaction time to t; NaN with no interaction.</summary>
    public double SinceLastS { get; internal set; }

    /// <summary>Days from the user's earliest interaction time to t; NaN with no interaction.</summary>
    public double DaysSinceFirst { get; internal set; }
}

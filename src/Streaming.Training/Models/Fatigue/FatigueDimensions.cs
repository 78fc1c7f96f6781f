namespace Streaming.Training.Models.Fatigue;

/// <summary>
/// The sizes the fatigue network takes from its contract (d, T, K and the widths of the flat
/// inputs) and the widths of its internal layers that follow from them, in one place so the
/// TorchSharp forward pass and the ONNX writer cannot disagree.
/// </summary>
internal sealed record FatigueDimensions(int Dimension, int Recent, int Interests, int Counts, int TimeFeatures, int ClusterSummary)
{
    /// <summary>Interest-branch input: e, e ⊙ mean(recent), mean(recent), cluster summary.</summary>
    public int InterestInput => (3 * Dimension) + ClusterSummary;

    /// <summary>Cross-layer input x0: M·mask and its mask (flattened T×K each), sim·mask, recent mask, scaled counts.</summary>
    public int CrossInput => (2 * Recent * Interests) + (2 * Recent) + Counts;

    /// <summary>
    /// Channels per recent position fed to the causal convolution: sim·mask, mask, the gap ending
    /// at the position and its mask, M row t (K values) and its mask (K values).
    /// </summary>
    public int ConvInput => 4 + (2 * Interests);

    /// <summary>The gaps of R among the time features: the first T-1 (SPEC §3 order).</summary>
    public int Gaps => Recent - 1;

    /// <summary>Reads the sizes from the <c>fatigue</c> contract layout.</summary>
    public static FatigueDimensions Of(FeatureLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var dims = new FatigueDimensions(
            Dimension: (int)layout["item_vector"].RowShape[0],
            Recent: (int)layout["recent_mask"].RowShape[0],
            Interests: (int)layout["fatigue_m"].RowShape[1],
            Counts: layout["counts"].Length,
            TimeFeatures: layout["time_features"].Length,
            ClusterSummary: layout["cluster_summary"].Length);
        if (dims.TimeFeatures < dims.Gaps || dims.Recent < 1)
        {
            throw new ArgumentException($"The contract's time features ({dims.TimeFeatures}) must start with the T-1 = {dims.Gaps} gaps of R.", nameof(layout));
        }

        return dims;
    }

    /// <summary>
    /// [TimeFeatures, Recent] 0/1 matrix that moves gap i (between R_i and R_{i+1}, 0-based) to
    /// position i+1, the position it ends at; the other time features map nowhere. A matrix
    /// product rather than a slice-and-pad keeps the graph free of shape arithmetic, and is exact.
    /// </summary>
    public float[] GapAlignment()
    {
        var matrix = new float[TimeFeatures * Recent];
        for (var i = 0; i < Gaps; i++)
        {
            matrix[(i * Recent) + i + 1] = 1f;
        }

        return matrix;
    }
}

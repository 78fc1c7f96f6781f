namespace Streaming.Core.Features.LifeCycle;

/// <summary>
/// The cosine arithmetic and tie rule shared by every life-cycle decision (nearest cluster, join
/// threshold, 2-means seeds and assignment, representative, re-cluster assignment).
/// </summary>
/// <remarks>
/// Cosines are computed in float32 on the hot path and in float64 elsewhere; values that are
/// mathematically equal (the same item seen many times, clusters of one repeated item) can differ
/// in their last bits depending on summation order. So two cosines that differ by at most
/// <see cref="Tolerance"/> count as a tie, and every rule is phrased order-independently:
/// "take the maximum M, then the lowest id/index/item among those with cos &gt;= M - Tolerance".
/// That keeps decisions identical across SIMD widths and between this code and any independent
/// re-implementation, except when a gap falls within float noise of the tolerance itself.
/// </remarks>
internal static class CosineTies
{
    /// <summary>Cosines closer than this are ties. Float32 dot products of d = 32 unit vectors err by ~1e-7.</summary>
    public const float Tolerance = 1e-5f;

    /// <summary>cos(a, b) in float64; 0 when either vector is zero.</summary>
    public static double Of(ReadOnlySpan<float> a, ReadOnlySpan<double> b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var j = 0; j < a.Length; j++)
        {
            dot += a[j] * b[j];
            na += (double)a[j] * a[j];
            nb += b[j] * b[j];
        }
        return na > 0 && nb > 0 ? dot / (Math.Sqrt(na) * Math.Sqrt(nb)) : 0;
    }

    /// <summary>cos(a, b) in float64; 0 when either vector is zero.</summary>
    public static double Of(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var j = 0; j < a.Length; j++)
        {
            dot += (double)a[j] * b[j];
            na += (double)a[j] * a[j];
            nb += (double)b[j] * b[j];
        }
        return na > 0 && nb > 0 ? dot / (Math.Sqrt(na) * Math.Sqrt(nb)) : 0;
    }

    /// <summary>1 / |v| in float32 (computed in float64), 0 for the zero vector so its cosines are 0.</summary>
    public static float InverseNorm(ReadOnlySpan<float> v)
    {
        double sum = 0;
        foreach (var x in v)
        {
            sum += (double)x * x;
        }
        return sum > 0 ? (float)(1.0 / Math.Sqrt(sum)) : 0f;
    }
}

namespace Streaming.Core.Tests.LifeCycle;

/// <summary>Deterministic test vectors: SPEC §2 hash vectors, and noisy copies of a few topic directions.</summary>
internal static class TestVectors
{
    public static ulong SplitMix64(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [-1, 1) from the top 53 bits, as SPEC §2.</summary>
    public static double Uniform(ulong x) => ((x >> 11) * (1.0 / (1UL << 53)) * 2) - 1;

    /// <summary>The SPEC §2 hash vector of an item.</summary>
    public static float[] Hash(long itemId, int dim)
    {
        var u = new double[dim];
        for (var j = 0; j < dim; j++)
        {
            u[j] = Uniform(SplitMix64(unchecked(((ulong)itemId * (ulong)dim) + (ulong)j)));
        }
        return Normalize(u);
    }

    /// <summary>An item near one of <paramref name="topics"/> directions: cosine to it about 1/sqrt(1 + noise^2).</summary>
    public static float[] Topical(long itemId, int dim, int topics, double noise, ulong salt)
    {
        var topic = Hash(1_000_000 + (long)(salt % 1000) * 100 + (itemId % topics), dim);
        var jitter = Hash(unchecked((long)(salt * 7919) + itemId), dim);
        var u = new double[dim];
        for (var j = 0; j < dim; j++)
        {
            u[j] = topic[j] + (noise * jitter[j]);
        }
        return Normalize(u);
    }

    public static float[] Normalize(double[] u)
    {
        var norm = Math.Sqrt(u.Sum(x => x * x));
        return [.. u.Select(x => (float)(x / norm))];
    }

    /// <summary>A unit vector along axis <paramref name="axis"/>.</summary>
    public static float[] Axis(int axis, int dim)
    {
        var v = new float[dim];
        v[axis] = 1;
        return v;
    }
}

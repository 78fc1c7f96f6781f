namespace Streaming.Benchmarks.LifeCycle;

/// <summary>A fixed-seed SplitMix64 generator for benchmark data (System.Random's algorithm may change).</summary>
internal struct SplitMixRandom(ulong seed)
{
    private ulong _state = seed;

    public ulong Next()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Coordinates uniform in [-1, 1), normalised: the SPEC §2 hash-vector recipe.</summary>
    public float[] UnitVector(int dim)
    {
        var u = new double[dim];
        double norm = 0;
        for (var j = 0; j < dim; j++)
        {
            u[j] = (NextDouble() * 2) - 1;
            norm += u[j] * u[j];
        }
        norm = Math.Sqrt(norm);
        var v = new float[dim];
        for (var j = 0; j < dim; j++)
        {
            v[j] = (float)(u[j] / norm);
        }
        return v;
    }
}

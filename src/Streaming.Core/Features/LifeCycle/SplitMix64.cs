namespace Streaming.Core.Features.LifeCycle;

/// <summary>
/// The SplitMix64 generator (Steele, Lea, Flood 2014): the re-cluster's source of randomness,
/// implemented here because System.Random's algorithm is not guaranteed to stay the same across
/// .NET versions, and a re-cluster must be reproducible from its seed forever.
/// </summary>
/// <remarks>Mutable struct: pass it by ref, never copy it, or two copies replay the same stream.</remarks>
internal struct SplitMix64(ulong seed)
{
    private ulong _state = seed;

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A uniform double in [0, 1) from the top 53 bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform int in [0, <paramref name="bound"/>) by multiply-high (bias below 2^-32 for any int bound).</summary>
    public int NextInt(int bound) => (int)Math.BigMul(NextUInt64(), (ulong)bound, out _);
}

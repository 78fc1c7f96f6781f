namespace Streaming.Core.Randomness;

/// <summary>
/// SplitMix64 (Steele, Lea, Flood 2014), the project's one source of seeded randomness: item hash
/// vectors (SPEC §2), synthetic datasets, the life-cycle re-cluster and model weight
/// initialisation all draw from it. Its output is fixed by its definition, unlike
/// <see cref="System.Random"/>, whose algorithm may change between runtimes, so every seeded
/// result is reproducible anywhere. Mutable struct: pass it by <c>ref</c>.
/// </summary>
/// <param name="seed">The initial state.</param>
public struct SplitMix64(ulong seed)
{
    /// <summary>The golden gamma added to the state before each output.</summary>
    public const ulong Gamma = 0x9E3779B97F4A7C15UL;

    private ulong _state = seed;

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64() => Next(ref _state);

    /// <summary>A uniform double in [0, 1), from the top 53 bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform integer in [0, <paramref name="bound"/>), by multiply-high (Lemire, without rejection).</summary>
    public int NextInt(int bound) => (int)Math.BigMul(NextUInt64(), (ulong)bound, out _);

    /// <summary>Advances <paramref name="state"/> by the gamma and returns the mixed output.</summary>
    public static ulong Next(ref ulong state)
    {
        state += Gamma;
        return Mix(state);
    }

    /// <summary>The output function: two xor-shift-multiply rounds and a final xor-shift (no gamma added).</summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>SPEC §2's <c>splitmix64(z)</c>: the gamma added to <paramref name="z"/>, then <see cref="Mix"/>.</summary>
    public static ulong Finalise(ulong z) => Mix(z + Gamma);

    /// <summary>An independent seed for element <paramref name="index"/> of stream <paramref name="stream"/> of <paramref name="seed"/>.</summary>
    public static ulong Derive(ulong seed, ulong stream, ulong index)
    {
        var s = Mix(seed + Gamma);
        s = Mix(s ^ (stream * Gamma) ^ 0x5851F42D4C957F2DUL);
        return Mix(s ^ (index * 0xD1B54A32D192ED03UL));
    }
}

namespace Streaming.Core.Datasets;

/// <summary>
/// The SplitMix64 generator (Steele, Lea, Flood 2014). Used to seed <see cref="Xoshiro256StarStar"/>
/// and to derive independent stream seeds; its output is fixed by its definition, unlike
/// <see cref="System.Random"/>, so datasets stay identical across runtimes.
/// </summary>
internal static class SplitMix64
{
    private const ulong Golden = 0x9E3779B97F4A7C15UL;

    /// <summary>Advances <paramref name="state"/> and returns the next output.</summary>
    public static ulong Next(ref ulong state)
    {
        state += Golden;
        return Mix(state);
    }

    /// <summary>The SplitMix64 finaliser of <paramref name="z"/> (no increment).</summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>
    /// A seed for the sub-stream <paramref name="stream"/>/<paramref name="index"/> of
    /// <paramref name="seed"/>: distinct inputs give unrelated seeds.
    /// </summary>
    public static ulong Derive(ulong seed, ulong stream, ulong index)
    {
        var s = Mix(seed + Golden);
        s = Mix(s ^ (stream * Golden) ^ 0x5851F42D4C957F2DUL);
        return Mix(s ^ (index * 0xD1B54A32D192ED03UL));
    }
}

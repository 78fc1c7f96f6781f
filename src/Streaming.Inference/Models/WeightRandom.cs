namespace Streaming.Inference.Models;

/// <summary>
/// SplitMix64 (Steele, Lea, Flood 2014) for weight initialisation: its output is fixed by its
/// definition, unlike <see cref="Random"/>, so a seed gives the same model bytes on every runtime.
/// Mutable struct: pass by ref, never copy while drawing.
/// </summary>
internal struct WeightRandom(ulong seed)
{
    private ulong _state = seed;

    public ulong NextUInt64()
    {
        _state += 0x9E3779B97F4A7C15UL;
        var z = _state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, 1), 53 bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [-bound, bound).</summary>
    public float NextSymmetric(double bound) => (float)((NextDouble() * 2.0 - 1.0) * bound);
}

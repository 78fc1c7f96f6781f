namespace Streaming.Core.Features.Vectors;

/// <summary>
/// The hash vectors of SPEC §2, defined for every item without a model:
/// <c>x_j = splitmix64(item_id * d + j)</c>, <c>u_j = (x_j &gt;&gt; 11) * 2^-53 * 2 - 1</c>,
/// <c>e = u / |u|</c>. u and its norm are computed in double; the result is stored as float32
/// because the ONNX models consume float32.
/// </summary>
public sealed class HashItemVectors : IItemVectors
{
    // Above this the scratch moves from the stack to the heap; SPEC's d is 32.
    private const int MaxStackDimension = 1024;

    /// <summary>Creates the hash vectors of dimension <paramref name="dimension"/>.</summary>
    /// <param name="dimension">d, at least 1.</param>
    public HashItemVectors(int dimension)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        Dimension = dimension;
    }

    /// <inheritdoc/>
    public int Dimension { get; }

    /// <summary>
    /// The standard SplitMix64 finaliser of <paramref name="z"/> (unsigned 64-bit arithmetic):
    /// add the golden gamma, then two xor-shift-multiply rounds and a final xor-shift.
    /// </summary>
    /// <param name="z">The input.</param>
    /// <returns>The mixed value.</returns>
    public static ulong SplitMix64(ulong z) => Randomness.SplitMix64.Finalise(z);

    /// <inheritdoc/>
    public void CopyVector(long itemId, Span<float> destination)
    {
        if (destination.Length != Dimension)
        {
            throw new ArgumentException($"Destination holds {destination.Length} floats, the dimension is {Dimension}.", nameof(destination));
        }

        var u = Dimension <= MaxStackDimension ? stackalloc double[Dimension] : new double[Dimension];
        var baseInput = unchecked((ulong)itemId * (ulong)Dimension);
        var sumSquares = 0.0;
        for (var j = 0; j < u.Length; j++)
        {
            var x = SplitMix64(unchecked(baseInput + (ulong)j));
            var value = ((x >> 11) * (1.0 / (1UL << 53)) * 2.0) - 1.0;
            u[j] = value;
            sumSquares += value * value;
        }

        // |u| is 0 only if every u_j is exactly 0, which would need 32 specific 53-bit draws.
        var norm = Math.Sqrt(sumSquares);
        for (var j = 0; j < u.Length; j++)
        {
            destination[j] = (float)(u[j] / norm);
        }
    }
}

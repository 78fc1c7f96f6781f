using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Streaming.Core.Features.Vectors;

/// <summary>
/// The dot product every engine uses. It is fixed-width (<see cref="Vector256{T}"/>, 8 lanes, no
/// fused multiply-add) rather than <see cref="System.Numerics.Vector{T}"/>, whose width depends on
/// the machine: a fixed lane count and a fixed summation order make every feature bit-identical on
/// every node, so a state rebuilt by replay elsewhere equals the original.
/// </summary>
internal static class VectorMath
{
    /// <summary>Sum of a[i] * b[i] in a fixed order. Both spans must have the same length.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length)
        {
            ThrowLengthMismatch();
        }

        ref var ra = ref MemoryMarshal.GetReference(a);
        ref var rb = ref MemoryMarshal.GetReference(b);
        var i = 0;
        var sum = 0f;
        if (a.Length >= Vector256<float>.Count)
        {
            var acc = Vector256<float>.Zero;
            for (; i <= a.Length - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                var va = Vector256.LoadUnsafe(ref ra, (nuint)i);
                var vb = Vector256.LoadUnsafe(ref rb, (nuint)i);
                acc += va * vb;
            }
            // Fixed pairwise reduction; Vector256.Sum's order is not specified.
            var half = acc.GetLower() + acc.GetUpper();
            sum = (half.GetElement(0) + half.GetElement(2)) + (half.GetElement(1) + half.GetElement(3));
        }
        for (; i < a.Length; i++)
        {
            sum += Unsafe.Add(ref ra, i) * Unsafe.Add(ref rb, i);
        }
        return sum;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowLengthMismatch() => throw new ArgumentException("Vectors must have the same length.");
}

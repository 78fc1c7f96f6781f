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

    /// <summary>
    /// <c>destination[r] = Dot(row r of rows, target)</c> for consecutive rows of target's width,
    /// bit-identical to <see cref="Dot"/> (same lanes, same order) but with the target loaded once.
    /// </summary>
    public static void DotRows(ReadOnlySpan<float> rows, ReadOnlySpan<float> target, Span<float> destination)
    {
        var width = target.Length;
        if (rows.Length != destination.Length * width)
        {
            ThrowLengthMismatch();
        }
        if (width != 4 * Vector256<float>.Count)
        {
            for (var r = 0; r < destination.Length; r++)
            {
                destination[r] = Dot(rows.Slice(r * width, width), target);
            }
            return;
        }

        // The common d = 32: the target stays in four registers.
        ref var rt = ref MemoryMarshal.GetReference(target);
        var t0 = Vector256.LoadUnsafe(ref rt, 0);
        var t1 = Vector256.LoadUnsafe(ref rt, 8);
        var t2 = Vector256.LoadUnsafe(ref rt, 16);
        var t3 = Vector256.LoadUnsafe(ref rt, 24);
        ref var rr = ref MemoryMarshal.GetReference(rows);
        for (var r = 0; r < destination.Length; r++)
        {
            var offset = (nuint)(r * 32);
            var acc = Vector256<float>.Zero;
            acc += Vector256.LoadUnsafe(ref rr, offset) * t0;
            acc += Vector256.LoadUnsafe(ref rr, offset + 8) * t1;
            acc += Vector256.LoadUnsafe(ref rr, offset + 16) * t2;
            acc += Vector256.LoadUnsafe(ref rr, offset + 24) * t3;
            var half = acc.GetLower() + acc.GetUpper();
            destination[r] = (half.GetElement(0) + half.GetElement(2)) + (half.GetElement(1) + half.GetElement(3));
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowLengthMismatch() => throw new ArgumentException("Vectors must have the same length.");
}

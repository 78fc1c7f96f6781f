using Streaming.Core.Features.Vectors;

namespace Streaming.Core.Tests.Features.Reference;

/// <summary>Plain double-precision arithmetic for the brute-force references.</summary>
internal static class ReferenceMath
{
    public const long MinuteMs = 60_000;
    public const long HourMs = 3_600_000;
    public const long DayMs = 86_400_000;

    public static float[] VectorOf(IItemVectors vectors, long itemId)
    {
        var v = new float[vectors.Dimension];
        vectors.CopyVector(itemId, v);
        return v;
    }

    public static double Dot(float[] a, float[] b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += (double)a[i] * b[i];
        }
        return sum;
    }

    public static long DayOf(long tsMs) => (long)Math.Floor(tsMs / (double)DayMs);
}

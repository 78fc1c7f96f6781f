namespace Streaming.Inference.Benchmarking;

/// <summary>Deterministic benchmark and comparison inputs.</summary>
internal static class BenchmarkInputs
{
    /// <summary>
    /// Fills <paramref name="values"/> with uniform values in (0, 1] from a 64-bit LCG advanced in
    /// <paramref name="state"/>: never zero, so a comparison exercises every weight.
    /// </summary>
    public static void Fill(Span<float> values, ref ulong state)
    {
        for (var i = 0; i < values.Length; i++)
        {
            state = (state * 6364136223846793005UL) + 1442695040888963407UL;
            values[i] = ((state >> 40) + 1) / (float)(1 << 24);
        }
    }
}

using Streaming.Inference.Contracts;

namespace Streaming.Inference.Tests;

/// <summary>Deterministic feature rows for tests (a fixed LCG, nothing from the clock).</summary>
internal static class TestData
{
    /// <summary>Values in [-1, 1) from <paramref name="seed"/>.</summary>
    public static float[] Floats(int count, ulong seed)
    {
        var values = new float[count];
        var state = seed * 6364136223846793005UL + 1442695040888963407UL;
        for (var i = 0; i < count; i++)
        {
            state = state * 6364136223846793005UL + 1442695040888963407UL;
            values[i] = (float)(((state >> 40) / (double)(1UL << 24) * 2.0) - 1.0);
        }

        return values;
    }

    /// <summary>One row per input of <paramref name="contract"/>, derived from <paramref name="seed"/>.</summary>
    public static float[][] Row(StageContract contract, ulong seed) =>
        contract.Inputs.Select((t, i) => Floats(t.RowSize, (seed * 31) + (ulong)i)).ToArray();
}

using CsCheck;

namespace Streaming.Core.Tests.LifeCycle;

/// <summary>
/// Runs a CsCheck property on a fixed list of seeds, one iteration each, single-threaded: the
/// cases are the same on every run (no flaky CI), and a failure still shrinks and prints a seed.
/// </summary>
internal static class DeterministicSamples
{
    public static void Check<T>(Gen<T> gen, int count, Action<T> assert, ulong salt = 0)
    {
        for (var i = 0; i < count; i++)
        {
            var seed = new PCG(1, 0x1234_5678_9ABCUL + salt + ((ulong)i * 0x9E3779B97F4A7C15UL)).ToString();
            gen.Sample(assert, seed: seed, iter: 1, threads: 1);
        }
    }
}

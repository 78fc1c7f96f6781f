using Streaming.Core.Randomness;

namespace Streaming.Core.Training;

/// <summary>
/// Which requests the sample log keeps at <c>training.sample_rate</c> below 1: a pure function of
/// the request id, so a restart, a re-delivery or a replay decides every request the same way,
/// and a request's rows (all its candidates and its uplift row) are kept or dropped together.
/// </summary>
public static class SampleSelection
{
    private const ulong FnvOffset = 0xCBF29CE484222325UL;
    private const ulong FnvPrime = 0x100000001B3UL;

    /// <summary>True when the request with <paramref name="requestId"/> is logged at <paramref name="rate"/> (1 keeps all, 0 none).</summary>
    public static bool Includes(string requestId, double rate)
    {
        ArgumentNullException.ThrowIfNull(requestId);
        if (rate >= 1)
        {
            return true;
        }
        if (rate <= 0)
        {
            return false;
        }
        return Unit(requestId) < rate;
    }

    /// <summary>The request id's point in [0, 1): FNV-1a of its UTF-8 bytes, mixed by SplitMix64 (FNV alone is poor in its low bits).</summary>
    public static double Unit(string requestId)
    {
        ArgumentNullException.ThrowIfNull(requestId);
        Span<byte> stack = stackalloc byte[256];
        var bytes = System.Text.Encoding.UTF8.GetMaxByteCount(requestId.Length) <= stack.Length ? stack : new byte[System.Text.Encoding.UTF8.GetMaxByteCount(requestId.Length)];
        var length = System.Text.Encoding.UTF8.GetBytes(requestId, bytes);
        var hash = FnvOffset;
        foreach (var b in bytes[..length])
        {
            hash = (hash ^ b) * FnvPrime;
        }
        return (SplitMix64.Finalise(hash) >> 11) * (1.0 / (1UL << 53));
    }
}

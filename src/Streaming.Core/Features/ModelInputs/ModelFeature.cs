namespace Streaming.Core.Features.ModelInputs;

/// <summary>
/// How raw feature values become model inputs, in one place for every stage: undefined values
/// (NaN) become 0 with a mask of 0, counts enter as ln(1 + n), times as ln(max(x, 0.5)) (SPEC §3).
/// </summary>
internal static class ModelFeature
{
    /// <summary>Writes <paramref name="value"/> (0 when undefined) and its mask; returns whether it was defined.</summary>
    public static void Value(double value, out float feature, out float mask)
    {
        var defined = double.IsFinite(value);
        feature = defined ? (float)value : 0f;
        mask = defined ? 1f : 0f;
    }

    /// <summary>ln(1 + n), the scale of every count.</summary>
    public static float Count(double n) => double.IsFinite(n) && n > 0 ? (float)Math.Log(1 + n) : 0f;

    /// <summary>ln(max(x, 0.5)) for a defined time, with its mask.</summary>
    public static void Time(double seconds, out float feature, out float mask)
    {
        var defined = double.IsFinite(seconds);
        feature = defined ? (float)Math.Log(Math.Max(seconds, 0.5)) : 0f;
        mask = defined ? 1f : 0f;
    }
}

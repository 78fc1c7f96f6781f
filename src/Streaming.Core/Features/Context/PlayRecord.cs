namespace Streaming.Core.Features.Context;

/// <summary>What the context features need of one interaction; rates and buckets are derived when read, so options can change.</summary>
/// <param name="DurationMs">The item's duration, 0 when unknown.</param>
/// <param name="PlayTimeMs">The play time.</param>
/// <param name="Flags">Bit 0: long view; bit 1: engaged (click, like, follow, comment or forward).</param>
internal readonly record struct PlayRecord(int DurationMs, int PlayTimeMs, byte Flags)
{
    public const byte LongViewFlag = 1;
    public const byte EngagedFlag = 2;

    public bool LongView => (Flags & LongViewFlag) != 0;

    public bool Engaged => (Flags & EngagedFlag) != 0;

    /// <summary>Completion c = min(play / duration, 1); only meaningful for a known duration.</summary>
    public double Completion => Math.Min((double)PlayTimeMs / DurationMs, 1.0);
}

namespace Streaming.Core.Features.Fatigue;

/// <summary>One interaction of the history H (SPEC §3).</summary>
/// <param name="ItemId">The item.</param>
/// <param name="TsMs">Its event time, epoch milliseconds.</param>
public readonly record struct HistoryEntry(long ItemId, long TsMs);

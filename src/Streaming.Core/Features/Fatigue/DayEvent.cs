namespace Streaming.Core.Features.Fatigue;

/// <summary>What the repetition counts need of one interaction of the day window (its time and vector live beside it).</summary>
/// <param name="ItemId">The item.</param>
/// <param name="Category">Its category, -1 when unknown.</param>
internal readonly record struct DayEvent(long ItemId, int Category);

using Streaming.Core.Events;

namespace Streaming.Core.Tests.Features.Reference;

/// <summary>Short-hand for hand-written interactions.</summary>
internal static class TestEvents
{
    public const long T0 = 1_650_000_000_000; // 2022-04-15T05:20:00Z

    public static Interaction At(long tsMs, long itemId, int category = -1, int durationMs = 20_000, int playTimeMs = 10_000, bool longView = false, bool click = false) => new()
    {
        EventId = $"e-{tsMs}-{itemId}",
        UserId = EventSequences.UserId,
        ItemId = itemId,
        Category = category,
        DurationMs = durationMs,
        PlayTimeMs = playTimeMs,
        TsMs = tsMs,
        LongView = longView,
        Click = click,
    };
}

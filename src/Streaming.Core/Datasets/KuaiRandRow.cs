using System.Globalization;
using Streaming.Core.Events;

namespace Streaming.Core.Datasets;

/// <summary>The fields of one KuaiRand log row the project uses, with its position in the file.</summary>
internal readonly record struct KuaiRandRow(
    long Row,
    long UserId,
    long VideoId,
    long TimeMs,
    bool Click,
    bool Like,
    bool Follow,
    bool Comment,
    bool Forward,
    bool Hate,
    bool LongView,
    int PlayTimeMs,
    int DurationMs,
    int? Tab)
{
    /// <summary>The SPEC §8 mapping of the row, optionally tagged with the request it belongs to.</summary>
    public Interaction ToInteraction(string? requestId) => new()
    {
        EventId = string.Create(CultureInfo.InvariantCulture, $"{UserId}-{TimeMs}-{Row}"),
        UserId = UserId,
        ItemId = VideoId,
        AuthorId = -1,
        Category = -1,
        DurationMs = DurationMs,
        TsMs = TimeMs,
        PlayTimeMs = PlayTimeMs,
        Click = Click,
        LongView = LongView,
        Like = Like,
        Follow = Follow,
        Comment = Comment,
        Forward = Forward,
        Hate = Hate,
        RequestId = requestId,
        Tab = Tab,
    };
}

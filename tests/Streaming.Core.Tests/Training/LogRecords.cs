using Streaming.Core.Events;

namespace Streaming.Core.Tests.Training;

/// <summary>Builders of sample-log records for the join tests.</summary>
internal static class LogRecords
{
    public const long T0 = 1_704_067_200_000L; // 2024-01-01T00:00:00Z
    public const long Minute = 60_000L;

    public static TrainingSample Candidate(string requestId, long userId, long tsMs, long itemId, params float[] features) => new()
    {
        RequestId = requestId,
        UserId = userId,
        TsMs = tsMs,
        ItemId = itemId,
        ModelVersions = ["fatigue=1", "uplift=1"],
        FeatureLayout = "fatigue@1",
        Features = features.Length == 0 ? new[] { (float)itemId } : features,
    };

    public static TrainingSample Request(string requestId, long userId, long tsMs, int? treatment = null) => new()
    {
        RequestId = requestId,
        UserId = userId,
        TsMs = tsMs,
        ItemId = TrainingSample.RequestRow,
        ModelVersions = ["fatigue=1", "uplift=1"],
        FeatureLayout = "uplift@1",
        Features = new[] { 1f, 2f },
        Treatment = treatment,
    };

    public static Interaction Outcome(string eventId, long userId, long itemId, long tsMs, string? requestId = null,
        bool click = false, bool like = false, int durationMs = 10_000, int playTimeMs = 5_000) => new()
        {
            EventId = eventId,
            UserId = userId,
            ItemId = itemId,
            TsMs = tsMs,
            RequestId = requestId,
            Click = click,
            Like = like,
            DurationMs = durationMs,
            PlayTimeMs = playTimeMs,
        };

    /// <summary>An outcome far in the future: closes every window of the test.</summary>
    public static Interaction Closer(long tsMs = T0 + (10 * 24 * 60 * Minute)) => Outcome("closer", userId: 999_999, itemId: 1, tsMs);
}

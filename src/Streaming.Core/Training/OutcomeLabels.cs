using Streaming.Core.Events;

namespace Streaming.Core.Training;

/// <summary>What an applied interaction says as a training label, defined once for the join and its tests.</summary>
public static class OutcomeLabels
{
    /// <summary>Engaged (SPEC §5's engagement): click, like, follow, comment or forward.</summary>
    public static bool Engaged(Interaction outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return outcome.Click || outcome.Like || outcome.Follow || outcome.Comment || outcome.Forward;
    }

    /// <summary>
    /// A long play (SPEC §5, <c>q &gt;= 1</c>): the item played at least its whole duration,
    /// <c>play_time_ms &gt;= duration_ms &gt; 0</c>. An unknown duration (0) is never long; it still counts as a play.
    /// </summary>
    public static bool LongPlay(Interaction outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return outcome.DurationMs > 0 && outcome.PlayTimeMs >= outcome.DurationMs;
    }
}

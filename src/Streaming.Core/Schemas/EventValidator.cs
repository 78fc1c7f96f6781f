using Streaming.Core.Events;

namespace Streaming.Core.Schemas;

/// <summary>
/// The range rules of SPEC §1 and docs/framing.md: each check returns null when the event may be
/// applied, else the reason. Reasons are built only on failure, so a valid event allocates nothing here.
/// </summary>
internal static class EventValidator
{
    public static string? Check(Interaction e, long referenceTimeMs, EventCodecOptions options) =>
        Id(e.EventId, "event_id", options)
        ?? NonNegative(e.UserId, "user_id")
        ?? NonNegative(e.ItemId, "item_id")
        ?? UnknownOrNonNegative(e.AuthorId, "author_id")
        ?? UnknownOrNonNegative(e.Category, "category")
        ?? NonNegative(e.DurationMs, "duration_ms")
        ?? NonNegative(e.PlayTimeMs, "play_time_ms")
        ?? Time(e.TsMs, referenceTimeMs, options)
        ?? (e.RequestId is null ? null : Id(e.RequestId, "request_id", options))
        ?? (e.Tab is int tab ? NonNegative(tab, "tab") : null);

    public static string? Check(ScoringRequest r, long referenceTimeMs, EventCodecOptions options)
    {
        var reason = Id(r.RequestId, "request_id", options)
            ?? NonNegative(r.UserId, "user_id")
            ?? Time(r.TsMs, referenceTimeMs, options)
            ?? Count(r.Candidates.Count, "candidates", options)
            ?? (r.Treatment is int treatment ? NonNegative(treatment, "treatment") : null);
        for (var i = 0; reason is null && i < r.Candidates.Count; i++)
        {
            var c = r.Candidates[i];
            reason = NonNegative(c.ItemId, "candidates", i, "item_id")
                ?? UnknownOrNonNegative(c.AuthorId, "candidates", i, "author_id")
                ?? UnknownOrNonNegative(c.Category, "candidates", i, "category")
                ?? NonNegative(c.DurationMs, "candidates", i, "duration_ms");
        }
        return reason;
    }

    public static string? Check(ScoredRequest r, long referenceTimeMs, EventCodecOptions options)
    {
        var reason = Id(r.RequestId, "request_id", options)
            ?? NonNegative(r.UserId, "user_id")
            ?? Time(r.TsMs, referenceTimeMs, options)
            ?? Count(r.Scores.Count, "scores", options)
            ?? NonNegative(r.SourcePartition, "source_partition")
            ?? NonNegative(r.SourceOffset, "source_offset")
            ?? Treatment(r.ChosenTreatment, r.Uplift.Count);
        for (var i = 0; reason is null && i < r.Scores.Count; i++)
        {
            var s = r.Scores[i];
            reason = NonNegative(s.ItemId, "scores", i, "item_id")
                ?? Probability(s.PEngage, i, "p_engage")
                ?? Probability(s.Fatigue, i, "fatigue");
        }
        for (var i = 0; reason is null && i < r.Uplift.Count; i++)
        {
            if (!float.IsFinite(r.Uplift[i]))
            {
                reason = FormattableString.Invariant($"uplift[{i}] {r.Uplift[i]} is not a finite number");
            }
        }
        for (var i = 0; reason is null && i < r.ModelVersions.Count; i++)
        {
            if (r.ModelVersions[i].Length == 0)
            {
                reason = $"model_versions[{i}] is empty";
            }
        }
        return reason;
    }

    public static string? Check(TrainingSample s, long referenceTimeMs, EventCodecOptions options)
    {
        var reason = Id(s.RequestId, "request_id", options)
            ?? NonNegative(s.UserId, "user_id")
            ?? Time(s.TsMs, referenceTimeMs, options)
            ?? UnknownOrNonNegative(s.ItemId, "item_id")
            ?? (s.FeatureLayout.Length == 0 ? "feature_layout is empty" : null)
            ?? (s.Treatment is int treatment ? NonNegative(treatment, "treatment") : null)
            ?? (s.LabelPlayTimeMs is int playTime ? NonNegative(playTime, "label_play_time_ms") : null)
            ?? (s.LabelLongPlayRatio is float ratio && ratio is not (>= 0f and <= 1f)
                ? FormattableString.Invariant($"label_long_play_ratio {ratio} is outside [0, 1]")
                : null);
        var features = s.Features.Span;
        for (var i = 0; reason is null && i < features.Length; i++)
        {
            if (!float.IsFinite(features[i]))
            {
                reason = FormattableString.Invariant($"features[{i}] {features[i]} is not a finite number");
            }
        }
        for (var i = 0; reason is null && i < s.ModelVersions.Count; i++)
        {
            if (s.ModelVersions[i].Length == 0)
            {
                reason = $"model_versions[{i}] is empty";
            }
        }
        return reason;
    }

    private static string? Id(string value, string field, EventCodecOptions options)
    {
        if (value.Length == 0)
        {
            return $"{field} is empty";
        }
        return value.Length > options.MaxIdLength
            ? $"{field} is {value.Length} characters long (limit {options.MaxIdLength})"
            : null;
    }

    private static string? NonNegative(long value, string field) =>
        value < 0 ? $"{field} {value} is negative" : null;

    private static string? NonNegative(long value, string array, int index, string field) =>
        value < 0 ? $"{array}[{index}].{field} {value} is negative" : null;

    private static string? UnknownOrNonNegative(long value, string field) =>
        value < -1 ? $"{field} {value} is below -1 (unknown)" : null;

    private static string? UnknownOrNonNegative(long value, string array, int index, string field) =>
        value < -1 ? $"{array}[{index}].{field} {value} is below -1 (unknown)" : null;

    private static string? Count(int count, string field, EventCodecOptions options)
    {
        if (count == 0)
        {
            return $"{field} is empty";
        }
        return count > options.MaxCandidates
            ? $"{field} has {count} entries (limit {options.MaxCandidates})"
            : null;
    }

    private static string? Probability(float value, int index, string field) =>
        value is >= 0f and <= 1f ? null : FormattableString.Invariant($"scores[{index}].{field} {value} is outside [0, 1]");

    private static string? Treatment(int chosen, int treatments)
    {
        if (chosen < 0)
        {
            return $"chosen_treatment {chosen} is negative";
        }
        // With no uplift (no uplift model yet) only control can be chosen.
        return chosen >= Math.Max(treatments, 1)
            ? $"chosen_treatment {chosen} has no uplift entry (uplift has {treatments})"
            : null;
    }

    private static string? Time(long tsMs, long referenceTimeMs, EventCodecOptions options)
    {
        if (tsMs < options.MinTsMs)
        {
            return $"ts_ms {tsMs} is before {options.MinTsMs} (2000-01-01 by default)";
        }
        // A negative reference is Kafka's "no timestamp" (-1): the future rule cannot apply.
        // Both operands are then non-negative (MinTsMs is validated non-negative), so the difference cannot overflow.
        return referenceTimeMs >= 0 && tsMs - referenceTimeMs > options.MaxFutureMs
            ? $"ts_ms {tsMs} is more than {options.MaxFutureMs} ms after the reference time {referenceTimeMs}"
            : null;
    }
}

using System.Runtime.InteropServices;
using Streaming.Core.Events;
using Streaming.Core.Features;

namespace Streaming.Core.Training;

/// <summary>
/// Joins the sample log's two record kinds into labeled rows (SPEC §5, §7; docs/training-samples.md):
/// served model inputs (<see cref="TrainingSample"/>) and outcomes (every applied
/// <see cref="Interaction"/>, logged as it was applied). Records may come in any order and more
/// than once: a crash re-logs the last checkpoint's records, so samples are de-duplicated by
/// (request_id, item_id) and outcomes by event_id, the first copy kept.
/// </summary>
/// <remarks>
/// <para>Fatigue row of a candidate scored at t: its exposure is the earliest outcome with the same
/// request_id and item_id and <c>t &lt;= ts_ms &lt;= t + training.label_minutes</c>; the label is
/// that exposure's engagement (<see cref="OutcomeLabels.Engaged"/>), false when there is none.
/// The window includes t because a derived request (KuaiRand) carries its first exposure's time.</para>
/// <para>Uplift row of a request scored at t: the long-play ratio (<see cref="OutcomeLabels.LongPlay"/>)
/// over the outcomes carrying its request_id in <c>[t, t + cdum.label_minutes]</c>; where none do,
/// over the user's first <c>cdum.label_plays</c> outcomes in that window (any request); no play at
/// all leaves the row unlabeled, dropped.</para>
/// <para>A row is labeled only once its window has closed: its end is before the cutoff, the time
/// below which the log holds every outcome (by default the newest outcome's time). Later rows are
/// left out, not made negatives: their outcomes may still be coming.</para>
/// Pure and single-threaded; holds everything added until <see cref="Build"/>.
/// </remarks>
public sealed class TrainingSetBuilder
{
    private readonly FeatureOptions _options;
    private readonly List<TrainingSample> _samples = [];
    private readonly HashSet<(string RequestId, long ItemId)> _sampleKeys = [];
    private readonly List<Interaction> _outcomes = [];
    private readonly HashSet<string> _eventIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _layouts = new(StringComparer.Ordinal);
    private long _samplesRead;
    private long _outcomesRead;
    private long? _newestOutcomeMs;

    /// <summary>A builder labeling with <paramref name="options"/>' windows (<c>training.label_minutes</c>, <c>cdum.label_minutes</c>, <c>cdum.label_plays</c>).</summary>
    public TrainingSetBuilder(FeatureOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.TrainingLabelMinutes, nameof(options.TrainingLabelMinutes));
        ArgumentOutOfRangeException.ThrowIfNegative(options.CdumLabelMinutes, nameof(options.CdumLabelMinutes));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.CdumLabelPlays, 1, nameof(options.CdumLabelPlays));
        _options = options;
    }

    /// <summary>The newest outcome time added so far (the default cutoff); null before any.</summary>
    public long? NewestOutcomeMs => _newestOutcomeMs;

    /// <summary>Adds a logged sample row; returns false for a duplicate of one already added.</summary>
    public bool Add(TrainingSample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        _samplesRead++;
        if (!_sampleKeys.Add((sample.RequestId, sample.ItemId)))
        {
            return false;
        }
        _samples.Add(sample);
        return true;
    }

    /// <summary>Adds a logged outcome; returns false for a duplicate (same event_id) of one already added.</summary>
    public bool Add(Interaction outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        _outcomesRead++;
        if (!_eventIds.Add(outcome.EventId))
        {
            return false;
        }
        _outcomes.Add(outcome);
        _newestOutcomeMs = Math.Max(_newestOutcomeMs ?? long.MinValue, outcome.TsMs);
        return true;
    }

    /// <summary>Labels every row whose window closed before <paramref name="cutoffMs"/> (default: the newest outcome's time).</summary>
    /// <param name="cutoffMs">The log holds every outcome with <c>ts_ms</c> below it; null for <see cref="NewestOutcomeMs"/>.</param>
    public TrainingSet Build(long? cutoffMs = null)
    {
        var cutoff = cutoffMs ?? _newestOutcomeMs;
        var index = new OutcomeIndex(_outcomes);
        var fatigueWindow = _options.TrainingLabelMinutes * 60_000L;
        var upliftWindow = _options.CdumLabelMinutes * 60_000L;
        var fatigue = new List<LabeledFatigueRow>();
        var uplift = new List<LabeledUpliftRow>();
        long fatiguePending = 0, upliftPending = 0, withoutPlays = 0, unknownLayout = 0;
        foreach (var sample in _samples)
        {
            var layout = Intern(sample.FeatureLayout);
            if (layout.StartsWith("fatigue@", StringComparison.Ordinal))
            {
                var end = sample.TsMs + fatigueWindow;
                if (cutoff is not { } c || end >= c)
                {
                    fatiguePending++;
                    continue;
                }
                var exposure = index.Exposure(sample.RequestId, sample.ItemId, sample.TsMs, end);
                fatigue.Add(new LabeledFatigueRow(sample.UserId, sample.RequestId, sample.ItemId, sample.TsMs, layout, Array(sample.Features),
                    exposure is not null && OutcomeLabels.Engaged(exposure), exposure is not null, exposure?.PlayTimeMs));
            }
            else if (layout.StartsWith("uplift@", StringComparison.Ordinal))
            {
                var end = sample.TsMs + upliftWindow;
                if (cutoff is not { } c || end >= c)
                {
                    upliftPending++;
                    continue;
                }
                var (longPlays, plays, tagged) = index.Plays(sample.RequestId, sample.UserId, sample.TsMs, end, _options.CdumLabelPlays);
                if (plays == 0)
                {
                    withoutPlays++;
                    continue;
                }
                uplift.Add(new LabeledUpliftRow(sample.UserId, sample.RequestId, sample.TsMs, layout, Array(sample.Features), sample.Treatment,
                    (float)((double)longPlays / plays), plays, tagged));
            }
            else
            {
                unknownLayout++;
            }
        }
        fatigue.Sort(static (a, b) => Compare(a.TsMs, a.UserId, a.RequestId, a.ItemId, b.TsMs, b.UserId, b.RequestId, b.ItemId));
        uplift.Sort(static (a, b) => Compare(a.TsMs, a.UserId, a.RequestId, 0, b.TsMs, b.UserId, b.RequestId, 0));
        var counts = new TrainingSetCounts
        {
            SamplesRead = _samplesRead,
            DuplicateSamples = _samplesRead - _samples.Count,
            OutcomesRead = _outcomesRead,
            DuplicateOutcomes = _outcomesRead - _outcomes.Count,
            UnknownLayout = unknownLayout,
            FatiguePending = fatiguePending,
            UpliftPending = upliftPending,
            UpliftWithoutPlays = withoutPlays,
            CutoffMs = cutoff,
        };
        return new TrainingSet(fatigue, uplift, counts);
    }

    private static int Compare(long ts1, long user1, string request1, long item1, long ts2, long user2, string request2, long item2)
    {
        var c = ts1.CompareTo(ts2);
        c = c != 0 ? c : user1.CompareTo(user2);
        c = c != 0 ? c : string.CompareOrdinal(request1, request2);
        return c != 0 ? c : item1.CompareTo(item2);
    }

    // A decoded sample owns its float[]: hand it over instead of copying 1.4 KB per row.
    private static float[] Array(ReadOnlyMemory<float> features) =>
        MemoryMarshal.TryGetArray(features, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : features.ToArray();

    private string Intern(string layout)
    {
        if (!_layouts.TryGetValue(layout, out var interned))
        {
            _layouts.Add(layout, layout);
            interned = layout;
        }
        return interned;
    }

    /// <summary>The outcomes by (request, item), by request and by user, each list in (ts_ms, log order).</summary>
    private sealed class OutcomeIndex
    {
        private readonly Dictionary<(string, long), List<Interaction>> _byExposure = [];
        private readonly Dictionary<string, List<Interaction>> _byRequest = new(StringComparer.Ordinal);
        private readonly Dictionary<long, List<Interaction>> _byUser = [];

        public OutcomeIndex(List<Interaction> outcomes)
        {
            // A stable sort by time keeps log order (the order applied) among equal times.
            var ordered = outcomes.OrderBy(o => o.TsMs);
            foreach (var outcome in ordered)
            {
                if (outcome.RequestId is { } request)
                {
                    Append(_byExposure, (request, outcome.ItemId), outcome);
                    Append(_byRequest, request, outcome);
                }
                Append(_byUser, outcome.UserId, outcome);
            }
        }

        /// <summary>The earliest outcome of the candidate in [from, to], or null.</summary>
        public Interaction? Exposure(string requestId, long itemId, long from, long to)
        {
            if (_byExposure.TryGetValue((requestId, itemId), out var list))
            {
                foreach (var outcome in list)
                {
                    if (outcome.TsMs > to)
                    {
                        break;
                    }
                    if (outcome.TsMs >= from)
                    {
                        return outcome;
                    }
                }
            }
            return null;
        }

        /// <summary>Long plays and plays of the request in [from, to], or else of the user's first <paramref name="fallbackPlays"/> there.</summary>
        public (int LongPlays, int Plays, bool Tagged) Plays(string requestId, long userId, long from, long to, int fallbackPlays)
        {
            int longPlays = 0, plays = 0;
            if (_byRequest.TryGetValue(requestId, out var tagged))
            {
                foreach (var outcome in tagged)
                {
                    if (outcome.TsMs >= from && outcome.TsMs <= to)
                    {
                        plays++;
                        longPlays += OutcomeLabels.LongPlay(outcome) ? 1 : 0;
                    }
                }
                if (plays > 0)
                {
                    return (longPlays, plays, true);
                }
            }
            if (_byUser.TryGetValue(userId, out var user))
            {
                for (var i = FirstAtOrAfter(user, from); i < user.Count && plays < fallbackPlays && user[i].TsMs <= to; i++)
                {
                    plays++;
                    longPlays += OutcomeLabels.LongPlay(user[i]) ? 1 : 0;
                }
            }
            return (longPlays, plays, false);
        }

        private static int FirstAtOrAfter(List<Interaction> list, long ts)
        {
            int lo = 0, hi = list.Count;
            while (lo < hi)
            {
                var mid = (lo + hi) >>> 1;
                if (list[mid].TsMs < ts)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid;
                }
            }
            return lo;
        }

        private static void Append<TKey>(Dictionary<TKey, List<Interaction>> index, TKey key, Interaction outcome)
            where TKey : notnull
        {
            if (!index.TryGetValue(key, out var list))
            {
                list = [];
                index.Add(key, list);
            }
            list.Add(outcome);
        }
    }
}

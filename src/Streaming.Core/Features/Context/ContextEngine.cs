using Streaming.Core.Events;

namespace Streaming.Core.Features.Context;

/// <summary>
/// Applies interactions to a <see cref="ContextState"/> and computes <see cref="ContextFeatures"/>
/// (SPEC §5). Stateless apart from its options; safe to share. Neither operation allocates.
/// </summary>
/// <remarks>
/// Event time and lateness, with W the latest event time applied:
/// the recent-plays window is by order applied (the last N interactions, whatever their times);
/// the recent-minutes window holds the known-duration interactions with time after
/// <c>W - cdum.recent_minutes</c> (a later-arriving one at or before that bound is not inserted);
/// a session ends when an interaction comes more than the gap after W, and a late interaction
/// joins the current session without moving its start; the long-term sums drop an interaction
/// whose UTC day is <c>cdum.long_term_days</c> or more before the latest day applied. All
/// features are exact at scoring times <c>t &gt;= W</c>.
/// </remarks>
public sealed class ContextEngine
{
    private const long DayMs = 86_400_000L;

    private readonly long _recentWindowMs;
    private readonly long _sessionGapMs;
    private readonly int _skipMs;

    /// <summary>Creates the engine; throws <see cref="ArgumentException"/> for options out of range.</summary>
    /// <param name="options">The context options.</param>
    public ContextEngine(FeatureOptions options)
    {
        Validate(options);
        Options = options;
        Buckets = new DurationBuckets(options.CdumBucketEdgesS);
        _recentWindowMs = options.CdumRecentMinutes * 60_000L;
        _sessionGapMs = options.CdumSessionGapMinutes * 60_000L;
        _skipMs = options.CdumSkipMs;
    }

    /// <summary>The options this engine was built with.</summary>
    public FeatureOptions Options { get; }

    /// <summary>The duration buckets (an edge belongs to the upper bucket).</summary>
    public DurationBuckets Buckets { get; }

    /// <summary>Applies one interaction to the recent plays, the recent-minutes window, the session and the long-term days.</summary>
    /// <param name="state">The user's state.</param>
    /// <param name="interaction">The interaction.</param>
    public void Apply(ContextState state, Interaction interaction)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(interaction);
        CheckShape(state);

        var engaged = interaction.Click || interaction.Like || interaction.Follow || interaction.Comment || interaction.Forward;
        var flags = (byte)((interaction.LongView ? PlayRecord.LongViewFlag : 0) | (engaged ? PlayRecord.EngagedFlag : 0));
        var record = new PlayRecord(interaction.DurationMs, interaction.PlayTimeMs, flags);
        var ts = interaction.TsMs;
        var bucket = Buckets.BucketOf(interaction.DurationMs);

        state.PushRecent(record);

        if (!state.HasEvents || ts - state.LatestTs > _sessionGapMs)
        {
            state.SessionStartTs = ts;
            state.SessionPlays = 1;
            state.SessionWatchMs = interaction.PlayTimeMs;
        }
        else
        {
            state.SessionPlays++;
            state.SessionWatchMs += interaction.PlayTimeMs;
        }

        var watermark = state.HasEvents ? Math.Max(state.LatestTs, ts) : ts;
        var cutoff = watermark - _recentWindowMs;
        state.RecentMinutesWindow.EvictThrough(cutoff);
        if (bucket >= 0)
        {
            if (ts > cutoff)
            {
                state.RecentMinutesWindow.Insert(ts, record, []);
            }
            state.AddToDay(Math.DivRem(ts, DayMs, out var rem) - (rem < 0 ? 1 : 0), bucket, record);
        }
        state.LatestTs = watermark;
        state.HasEvents = true;
    }

    /// <summary>Fills the user side of <paramref name="destination"/> (recent, recent-minutes, session, long-term) at scoring time <paramref name="tsMs"/>.</summary>
    /// <param name="state">The user's state.</param>
    /// <param name="tsMs">The scoring time t, epoch milliseconds.</param>
    /// <param name="destination">Receives the features.</param>
    public void Compute(ContextState state, long tsMs, ContextFeatures destination)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(destination);
        CheckShape(state);
        if (destination.BucketCount != state.BucketCount)
        {
            throw new ArgumentException("The features object was sized for other options.", nameof(destination));
        }

        Span<PlayAccumulator> sums = stackalloc PlayAccumulator[state.BucketCount];
        sums.Clear();
        for (var i = 0; i < state.RecentCount; i++)
        {
            ref readonly var record = ref state.RecentAt(i);
            var bucket = Buckets.BucketOf(record.DurationMs);
            if (bucket >= 0)
            {
                sums[bucket].Add(record, _skipMs);
            }
        }
        Finish(sums, destination.RecentPlaysStats);

        sums.Clear();
        var window = state.RecentMinutesWindow;
        for (var i = window.Count - 1; i >= 0; i--)
        {
            var age = tsMs - window.TsAt(i);
            if (age < 0)
            {
                continue;
            }
            if (age >= _recentWindowMs)
            {
                break;
            }
            ref readonly var record = ref window.PayloadAt(i);
            sums[Buckets.BucketOf(record.DurationMs)].Add(record, _skipMs);
        }
        Finish(sums, destination.RecentMinutesStats);

        destination.Session = !state.HasEvents || tsMs - state.LatestTs > _sessionGapMs
            ? default
            : new SessionFeatures(state.SessionPlays, state.SessionWatchMs / 1000.0, (tsMs - state.SessionStartTs) / 1000.0);

        ComputeLongTerm(state, tsMs, destination.LongTermStats);
    }

    /// <summary>Fills the request side of <paramref name="destination"/>: the candidates' share per bucket and their mean duration.</summary>
    /// <param name="candidates">The request's candidates.</param>
    /// <param name="destination">Receives <see cref="ContextFeatures.RequestShare"/> and <see cref="ContextFeatures.RequestMeanDurationS"/>.</param>
    public void ComputeRequest(IReadOnlyList<Candidate> candidates, ContextFeatures destination)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(destination);
        var shares = destination.RequestShares;
        shares.AsSpan().Clear();
        var known = 0;
        var durationMs = 0L;
        for (var i = 0; i < candidates.Count; i++)
        {
            var bucket = Buckets.BucketOf(candidates[i].DurationMs);
            if (bucket >= 0)
            {
                shares[bucket]++;
                known++;
                durationMs += candidates[i].DurationMs;
            }
        }
        for (var b = 0; b < shares.Length; b++)
        {
            shares[b] = known > 0 ? shares[b] / known : double.NaN;
        }
        destination.RequestMeanDurationS = known > 0 ? durationMs / 1000.0 / known : double.NaN;
    }

    internal static void Validate(FeatureOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _ = new DurationBuckets(options.CdumBucketEdgesS);
        Require(options.BucketCount <= 64, "cdum.bucket_edges_s may have at most 63 edges");
        Require(options.CdumRecentPlays >= 1, "cdum.recent_plays must be at least 1");
        Require(options.CdumRecentMinutes >= 1, "cdum.recent_minutes must be at least 1");
        Require(options.CdumSessionGapMinutes >= 1, "cdum.session_gap_minutes must be at least 1");
        Require(options.CdumLongTermDays >= 1, "cdum.long_term_days must be at least 1");
        Require(options.CdumSkipMs >= 0, "cdum.skip_ms must not be negative");
        Require(options.FatigueMaxDayEvents >= 1, "fatigue.max_day_events must be at least 1");
    }

    private void ComputeLongTerm(ContextState state, long tsMs, LongTermBucketStats[] destination)
    {
        var today = Math.DivRem(tsMs, DayMs, out var rem) - (rem < 0 ? 1 : 0);
        var firstDay = today - state.LongTermDays + 1;
        var b = state.BucketCount;
        Span<int> plays = stackalloc int[b];
        Span<int> longViews = stackalloc int[b];
        Span<double> completion = stackalloc double[b];
        plays.Clear();
        longViews.Clear();
        completion.Clear();
        // Oldest day first, so the sums add in one fixed order.
        for (var day = firstDay; day <= today; day++)
        {
            var slot = state.SlotOf(day);
            if (state.SlotDay[slot] != day)
            {
                continue;
            }
            for (var bucket = 0; bucket < b; bucket++)
            {
                var index = (slot * b) + bucket;
                plays[bucket] += state.DayPlays[index];
                longViews[bucket] += state.DayLongViews[index];
                completion[bucket] += state.DayCompletion[index];
            }
        }
        for (var bucket = 0; bucket < b; bucket++)
        {
            var n = plays[bucket];
            destination[bucket] = new LongTermBucketStats(
                n,
                n > 0 ? completion[bucket] / n : double.NaN,
                n > 0 ? (double)longViews[bucket] / n : double.NaN);
        }
    }

    private static void Finish(ReadOnlySpan<PlayAccumulator> sums, BucketStats[] destination)
    {
        var total = 0;
        foreach (var sum in sums)
        {
            total += sum.Plays;
        }
        for (var b = 0; b < sums.Length; b++)
        {
            ref readonly var s = ref sums[b];
            var n = s.Plays;
            destination[b] = new BucketStats(
                n,
                total > 0 ? (double)n / total : double.NaN,
                s.WatchMs / 1000.0,
                n > 0 ? s.Completion / n : double.NaN,
                n > 0 ? (double)s.LongViews / n : double.NaN,
                n > 0 ? (double)s.Skips / n : double.NaN,
                n > 0 ? (double)s.Engaged / n : double.NaN);
        }
    }

    private void CheckShape(ContextState state)
    {
        if (state.BucketCount != Buckets.Count)
        {
            throw new ArgumentException($"The state has {state.BucketCount} buckets, the options {Buckets.Count}.", nameof(state));
        }
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException("Invalid feature options: " + message + ".", "options");
        }
    }

    private struct PlayAccumulator
    {
        public int Plays;
        public long WatchMs;
        public double Completion;
        public int LongViews;
        public int Skips;
        public int Engaged;

        public void Add(in PlayRecord record, int skipMs)
        {
            Plays++;
            WatchMs += record.PlayTimeMs;
            Completion += record.Completion;
            LongViews += record.LongView ? 1 : 0;
            Skips += record.PlayTimeMs < skipMs ? 1 : 0;
            Engaged += record.Engaged ? 1 : 0;
        }
    }
}

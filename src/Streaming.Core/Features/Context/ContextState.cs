using System.Diagnostics;

namespace Streaming.Core.Features.Context;

/// <summary>
/// One user's contextual state (SPEC §5): the last <c>cdum.recent_plays</c> interactions, the
/// known-duration interactions of the last <c>cdum.recent_minutes</c> in event-time order, the
/// current session, and per-UTC-day, per-bucket sums for the last <c>cdum.long_term_days</c> days.
/// Mutated only by <see cref="ContextEngine"/>; not thread-safe.
/// </summary>
public sealed partial class ContextState
{
    internal readonly PlayRecord[] RecentPlays;
    internal int RecentHead;
    internal int RecentCount;

    internal readonly TimeOrderedWindow<PlayRecord> RecentMinutesWindow;

    internal bool HasEvents;
    internal long LatestTs;
    internal long SessionStartTs;
    internal int SessionPlays;
    internal long SessionWatchMs;

    /// <summary>L, the long-term days; day d lives in slot d mod L.</summary>
    internal readonly int LongTermDays;

    /// <summary>B, the known buckets.</summary>
    internal readonly int BucketCount;

    /// <summary>The UTC day whose sums a slot holds, <see cref="long.MinValue"/> when none.</summary>
    internal readonly long[] SlotDay;
    internal readonly int[] DayPlays;
    internal readonly int[] DayLongViews;
    internal readonly double[] DayCompletion;
    internal bool HasLongTerm;
    internal long LatestDay;

    /// <summary>Creates the empty state of a user who has no interactions yet.</summary>
    /// <param name="options">Sizes: <c>cdum.recent_plays</c>, <c>cdum.long_term_days</c>, the bucket edges, and <c>fatigue.max_day_events</c>, which also bounds the 30-minute window.</param>
    public ContextState(FeatureOptions options)
    {
        ContextEngine.Validate(options);
        RecentPlays = new PlayRecord[options.CdumRecentPlays];
        RecentMinutesWindow = new TimeOrderedWindow<PlayRecord>(options.FatigueMaxDayEvents, 0);
        LongTermDays = options.CdumLongTermDays;
        BucketCount = options.BucketCount;
        SlotDay = new long[LongTermDays];
        SlotDay.AsSpan().Fill(long.MinValue);
        DayPlays = new int[LongTermDays * BucketCount];
        DayLongViews = new int[LongTermDays * BucketCount];
        DayCompletion = new double[LongTermDays * BucketCount];
    }

    /// <summary>Interactions in the recent-plays window (at most <c>cdum.recent_plays</c>).</summary>
    public int RecentPlayCount => RecentCount;

    /// <summary>Known-duration interactions held for the recent-minutes window.</summary>
    public int RecentMinutesCount => RecentMinutesWindow.Count;

    /// <summary>Latest event time applied (the user's watermark), or null before the first interaction.</summary>
    public long? LatestTsMs => HasEvents ? LatestTs : null;

    /// <summary>The slot of UTC day <paramref name="day"/>: day mod L, non-negative.</summary>
    internal int SlotOf(long day) => (int)(((day % LongTermDays) + LongTermDays) % LongTermDays);

    internal ref readonly PlayRecord RecentAt(int index) => ref RecentPlays[(RecentHead + index) % RecentPlays.Length];

    internal void PushRecent(in PlayRecord record)
    {
        var capacity = RecentPlays.Length;
        if (RecentCount < capacity)
        {
            RecentPlays[(RecentHead + RecentCount) % capacity] = record;
            RecentCount++;
        }
        else
        {
            RecentPlays[RecentHead] = record;
            RecentHead = (RecentHead + 1) % capacity;
        }
    }

    /// <summary>Adds a known-bucket interaction of UTC day <paramref name="day"/>; returns false when the day is already outside the long-term window.</summary>
    internal bool AddToDay(long day, int bucket, in PlayRecord record)
    {
        if (HasLongTerm && day <= LatestDay - LongTermDays)
        {
            return false;
        }
        var slot = SlotOf(day);
        // A slot holds either this day or a day at least L older (stale): newer is impossible here.
        Debug.Assert(SlotDay[slot] <= day, "slots never hold a day newer than one inside the window");
        if (SlotDay[slot] != day)
        {
            SlotDay[slot] = day;
            DayPlays.AsSpan(slot * BucketCount, BucketCount).Clear();
            DayLongViews.AsSpan(slot * BucketCount, BucketCount).Clear();
            DayCompletion.AsSpan(slot * BucketCount, BucketCount).Clear();
        }
        var index = (slot * BucketCount) + bucket;
        DayPlays[index]++;
        DayLongViews[index] += record.LongView ? 1 : 0;
        DayCompletion[index] += record.Completion;
        LatestDay = HasLongTerm ? Math.Max(LatestDay, day) : day;
        HasLongTerm = true;
        return true;
    }
}

using System.Diagnostics;

namespace Streaming.Core.Features.Fatigue;

/// <summary>
/// One user's fatigue state (SPEC §3): the history H, the recent window R with its vectors, the K
/// interests with the items that seeded them, the maintained matrices S (T x T) and P (T x K), the
/// 24-hour event window for the repetition counts, and the first and latest event times.
/// Mutated only by <see cref="FatigueEngine"/>; not thread-safe (one user's events are applied by
/// one stage at a time).
/// </summary>
/// <remarks>
/// Layout of R, S and P: position t of R is index t (0 = R_1, the oldest); with n &lt; T
/// interactions the first T - n positions are missing. Undefined entries of S and P (a missing
/// position, an interest not seeded yet) hold NaN. Matrices are row-major.
/// </remarks>
public sealed partial class FatigueState
{
    /// <summary>T, the length of R.</summary>
    internal readonly int T;

    /// <summary>K, the number of interests.</summary>
    internal readonly int K;

    /// <summary>d, the vector dimension.</summary>
    internal readonly int D;

    internal readonly long[] HistoryItems;
    internal readonly long[] HistoryTs;
    internal int HistoryHead;
    internal int HistoryCount;

    internal readonly long[] RecentItems;
    internal readonly long[] RecentTs;
    internal readonly float[] RecentVectors;
    internal int RecentCount;

    internal readonly float[] S;
    internal readonly float[] P;

    internal readonly float[] Interests;
    internal readonly long[] SeedItems;
    internal int InterestCount;

    internal readonly TimeOrderedWindow<DayEvent> Day;

    internal bool HasEvents;
    internal long FirstTs;
    internal long LatestTs;

    /// <summary>Creates the empty state of a user who has no interactions yet.</summary>
    /// <param name="options">Sizes: <c>embedding.dim</c>, <c>fatigue.history</c>, <c>fatigue.recent</c>, <c>fatigue.interests</c>, <c>fatigue.max_day_events</c>.</param>
    public FatigueState(FeatureOptions options)
    {
        FatigueEngine.Validate(options);
        T = options.FatigueRecent;
        K = options.FatigueInterests;
        D = options.EmbeddingDim;
        HistoryItems = new long[options.FatigueHistory];
        HistoryTs = new long[options.FatigueHistory];
        RecentItems = new long[T];
        RecentTs = new long[T];
        RecentVectors = new float[T * D];
        S = new float[T * T];
        P = new float[T * K];
        S.AsSpan().Fill(float.NaN);
        P.AsSpan().Fill(float.NaN);
        Interests = new float[K * D];
        SeedItems = new long[K];
        Day = new TimeOrderedWindow<DayEvent>(options.FatigueMaxDayEvents, D);
    }

    /// <summary>Interactions in H (at most <c>fatigue.history</c>).</summary>
    public int HistoryLength => HistoryCount;

    /// <summary>Interactions in R (at most T).</summary>
    public int RecentLength => RecentCount;

    /// <summary>Interests seeded so far (at most K).</summary>
    public int InterestsSeeded => InterestCount;

    /// <summary>Interactions in the 24-hour event window.</summary>
    public int DayEventCount => Day.Count;

    /// <summary>Earliest event time applied, or null before the first interaction.</summary>
    public long? FirstTsMs => HasEvents ? FirstTs : null;

    /// <summary>Latest event time applied (the user's watermark), or null before the first interaction.</summary>
    public long? LatestTsMs => HasEvents ? LatestTs : null;

    /// <summary>The i-th interaction of H, oldest first.</summary>
    /// <param name="index">0 .. <see cref="HistoryLength"/> - 1.</param>
    /// <returns>The interaction's item and time.</returns>
    public HistoryEntry HistoryAt(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, HistoryCount);
        var slot = (HistoryHead + index) % HistoryItems.Length;
        return new HistoryEntry(HistoryItems[slot], HistoryTs[slot]);
    }

    /// <summary>The vector of R at position t (0 = R_1).</summary>
    internal Span<float> RecentVector(int t) => RecentVectors.AsSpan(t * D, D);

    /// <summary>Interest k's unit vector.</summary>
    internal Span<float> Interest(int k) => Interests.AsSpan(k * D, D);

    /// <summary>Whether position t of R holds an interaction.</summary>
    internal bool RecentPresent(int t) => t >= T - RecentCount;

    internal void PushHistory(long itemId, long tsMs)
    {
        var capacity = HistoryItems.Length;
        int slot;
        if (HistoryCount < capacity)
        {
            slot = (HistoryHead + HistoryCount) % capacity;
            HistoryCount++;
        }
        else
        {
            slot = HistoryHead;
            HistoryHead = (HistoryHead + 1) % capacity;
        }
        HistoryItems[slot] = itemId;
        HistoryTs[slot] = tsMs;
    }

    [Conditional("DEBUG")]
    internal void AssertInvariants()
    {
        Debug.Assert(RecentCount <= T && InterestCount <= K && HistoryCount <= HistoryItems.Length, "bounds");
        Debug.Assert(!HasEvents || FirstTs <= LatestTs, "first <= latest");
    }
}

using Streaming.Core.Events;
using Streaming.Core.Features.Vectors;

namespace Streaming.Core.Features.Fatigue;

/// <summary>
/// Applies interactions to a <see cref="FatigueState"/> and computes a candidate's
/// <see cref="FatigueFeatures"/> (SPEC §3). Stateless apart from its options: one instance may
/// serve any number of users and threads. Neither operation allocates (as long as
/// <c>fatigue.max_day_events</c> is at most 4,096, the candidate's cosines fit on the stack).
/// </summary>
/// <remarks>
/// Lateness: every interaction updates H, R, the interests, S and P in the order applied. The
/// 24-hour window is ordered by event time and holds the interactions with time after
/// <c>W - max(fatigue.windows)</c>, W being the latest event time applied; an interaction at or
/// before that bound when it arrives is not inserted. So the counts at a scoring time
/// <c>t &gt;= W</c> are exact (up to <c>fatigue.max_day_events</c>), while at an earlier t they
/// miss the interactions older than <c>W - 24 h</c>.
/// </remarks>
public sealed class FatigueEngine
{
    private const int MaxDimension = 4096;
    private const int MaxInterests = 1024;

    // Above this many cosines per candidate the scratch moves from the stack to the heap.
    private const int MaxStackCosines = 4096;

    private readonly long[] _windowsMs;
    private readonly int[] _windowsByLength;
    private readonly long _maxWindowMs;
    private readonly double _interestRate;
    private readonly double _similarThreshold;

    /// <summary>Creates the engine; throws <see cref="ArgumentException"/> for options out of range.</summary>
    /// <param name="options">The fatigue options.</param>
    public FatigueEngine(FeatureOptions options)
    {
        Validate(options);
        Options = options;
        _windowsMs = [.. options.FatigueWindowsMs];
        _maxWindowMs = _windowsMs.Max();
        // Shortest first: the counting pass meets the start of the shortest window first.
        _windowsByLength = [.. Enumerable.Range(0, _windowsMs.Length).OrderBy(w => _windowsMs[w])];
        _interestRate = options.FatigueInterestRate;
        _similarThreshold = options.FatigueSimilarThreshold;
    }

    /// <summary>The options this engine was built with.</summary>
    public FeatureOptions Options { get; }

    /// <summary>
    /// Applies one interaction: H and R take it as their newest item, S gets its new row and
    /// column, the interests are seeded or moved, P follows, and the 24-hour window takes it at its
    /// event time (see the remarks on lateness).
    /// </summary>
    /// <param name="state">The user's state.</param>
    /// <param name="interaction">The interaction.</param>
    /// <param name="itemVector">e(item) of the interaction, d floats.</param>
    public void Apply(FatigueState state, Interaction interaction, ReadOnlySpan<float> itemVector)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(interaction);
        CheckShape(state, itemVector);

        var ts = interaction.TsMs;
        var item = interaction.ItemId;
        state.PushHistory(item, ts);
        PushRecent(state, item, ts, itemVector);
        var changed = UpdateInterests(state, item, itemVector);
        UpdateProjections(state, changed);

        var watermark = state.HasEvents ? Math.Max(state.LatestTs, ts) : ts;
        var cutoff = watermark - _maxWindowMs;
        state.Day.EvictThrough(cutoff);
        if (ts > cutoff)
        {
            state.Day.Insert(ts, new DayEvent(item, Math.Max(interaction.Category, -1)), itemVector);
        }

        state.FirstTs = state.HasEvents ? Math.Min(state.FirstTs, ts) : ts;
        state.LatestTs = watermark;
        state.HasEvents = true;
        state.AssertInvariants();
    }

    /// <summary>
    /// Fills <paramref name="destination"/> with the features of candidate item
    /// <paramref name="itemId"/> at scoring time <paramref name="tsMs"/>.
    /// </summary>
    /// <param name="state">The user's state.</param>
    /// <param name="tsMs">The scoring time t, epoch milliseconds.</param>
    /// <param name="itemId">The candidate item c.</param>
    /// <param name="category">The candidate's category, -1 when unknown.</param>
    /// <param name="itemVector">e(c), d floats.</param>
    /// <param name="destination">Receives the features; every member is overwritten.</param>
    public void Compute(FatigueState state, long tsMs, long itemId, int category, ReadOnlySpan<float> itemVector, FatigueFeatures destination)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(destination);
        CheckShape(state, itemVector);
        if (destination.Recent != state.T || destination.InterestCount != state.K || destination.NAllCounts.Length != _windowsMs.Length)
        {
            throw new ArgumentException("The features object was sized for other options.", nameof(destination));
        }

        ComputeMatrices(state, itemVector, destination);
        ComputeCounts(state, tsMs, itemId, category, itemVector, destination);

        var gaps = destination.Gaps;
        for (var i = 0; i < gaps.Length; i++)
        {
            gaps[i] = state.RecentPresent(i) ? (state.RecentTs[i + 1] - state.RecentTs[i]) / 1000.0 : double.NaN;
        }
        destination.SinceLastS = state.HasEvents ? (tsMs - state.LatestTs) / 1000.0 : double.NaN;
        destination.DaysSinceFirst = state.HasEvents ? (tsMs - state.FirstTs) / 86_400_000.0 : double.NaN;
    }

    internal static void Validate(FeatureOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Require(options.EmbeddingDim is >= 1 and <= MaxDimension, "embedding.dim must be in 1..4096");
        Require(options.FatigueHistory >= 1, "fatigue.history must be at least 1");
        Require(options.FatigueRecent is >= 1 and <= MaxInterests, "fatigue.recent must be in 1..1024");
        Require(options.FatigueInterests is >= 1 and <= MaxInterests, "fatigue.interests must be in 1..1024");
        Require(options.FatigueInterestRate is >= 0 and <= 1, "fatigue.interest_rate must be in [0, 1]");
        Require(options.FatigueWindowsMs.Count >= 1 && options.FatigueWindowsMs.All(w => w > 0), "fatigue.windows must be one or more positive durations");
        Require(options.FatigueMaxDayEvents >= 1, "fatigue.max_day_events must be at least 1");
    }

    /// <summary>Recomputes S and P from R and the interests (after decoding, where they are not stored).</summary>
    internal static void RecomputeMatrices(FatigueState state)
    {
        var t = state.T;
        for (var i = 0; i < t; i++)
        {
            for (var j = 0; j < t; j++)
            {
                state.S[(i * t) + j] = state.RecentPresent(i) && state.RecentPresent(j)
                    ? VectorMath.Dot(state.RecentVector(i), state.RecentVector(j))
                    : float.NaN;
            }
            for (var k = 0; k < state.K; k++)
            {
                state.P[(i * state.K) + k] = state.RecentPresent(i) && k < state.InterestCount
                    ? VectorMath.Dot(state.RecentVector(i), state.Interest(k))
                    : float.NaN;
            }
        }
    }

    private static void PushRecent(FatigueState state, long item, long ts, ReadOnlySpan<float> vector)
    {
        int t = state.T, k = state.K, d = state.D;
        var last = t - 1;
        if (t > 1)
        {
            state.RecentItems.AsSpan(1).CopyTo(state.RecentItems);
            state.RecentTs.AsSpan(1).CopyTo(state.RecentTs);
            state.RecentVectors.AsSpan(d).CopyTo(state.RecentVectors);
            // S moves up-left by one; row i is written after it was read as row i + 1's source.
            for (var i = 0; i < last; i++)
            {
                state.S.AsSpan(((i + 1) * t) + 1, last).CopyTo(state.S.AsSpan(i * t, last));
            }
            state.P.AsSpan(k).CopyTo(state.P);
        }
        state.RecentItems[last] = item;
        state.RecentTs[last] = ts;
        vector.CopyTo(state.RecentVector(last));
        state.RecentCount = Math.Min(state.RecentCount + 1, t);

        for (var j = 0; j < t; j++)
        {
            var cosine = state.RecentPresent(j) ? VectorMath.Dot(state.RecentVector(j), vector) : float.NaN;
            state.S[(last * t) + j] = cosine;
            state.S[(j * t) + last] = cosine;
        }
    }

    /// <summary>Seeds or moves one interest; returns the index of the interest that changed.</summary>
    private int UpdateInterests(FatigueState state, long item, ReadOnlySpan<float> vector)
    {
        if (state.InterestCount < state.K && state.SeedItems.AsSpan(0, state.InterestCount).IndexOf(item) < 0)
        {
            var seeded = state.InterestCount++;
            state.SeedItems[seeded] = item;
            vector.CopyTo(state.Interest(seeded));
            return seeded;
        }

        var nearest = 0;
        var best = VectorMath.Dot(vector, state.Interest(0));
        for (var k = 1; k < state.InterestCount; k++)
        {
            var dot = VectorMath.Dot(vector, state.Interest(k));
            if (dot > best)
            {
                best = dot;
                nearest = k;
            }
        }

        // normalise((1 - eta) u + eta e) in double, in two passes so no scratch is needed.
        var u = state.Interest(nearest);
        var keep = 1.0 - _interestRate;
        var sumSquares = 0.0;
        for (var j = 0; j < u.Length; j++)
        {
            var x = (keep * u[j]) + (_interestRate * vector[j]);
            sumSquares += x * x;
        }
        if (sumSquares > 0)
        {
            var norm = Math.Sqrt(sumSquares);
            for (var j = 0; j < u.Length; j++)
            {
                u[j] = (float)(((keep * u[j]) + (_interestRate * vector[j])) / norm);
            }
        }
        // else e = -u with eta = 0.5: the mean has no direction, the interest stays where it was.
        return nearest;
    }

    private static void UpdateProjections(FatigueState state, int changed)
    {
        int t = state.T, k = state.K;
        var last = t - 1;
        var newest = state.RecentVector(last);
        for (var c = 0; c < state.InterestCount; c++)
        {
            state.P[(last * k) + c] = VectorMath.Dot(newest, state.Interest(c));
        }
        var moved = state.Interest(changed);
        for (var r = t - state.RecentCount; r < last; r++)
        {
            state.P[(r * k) + changed] = VectorMath.Dot(state.RecentVector(r), moved);
        }
    }

    private static void ComputeMatrices(FatigueState state, ReadOnlySpan<float> target, FatigueFeatures destination)
    {
        int t = state.T, k = state.K;
        Span<float> onInterest = stackalloc float[k];
        for (var c = 0; c < state.InterestCount; c++)
        {
            onInterest[c] = VectorMath.Dot(target, state.Interest(c));
        }

        state.S.CopyTo(destination.SMatrix, 0);
        state.RecentVectors.CopyTo(destination.RecentVectorsMatrix, 0);
        for (var r = 0; r < t; r++)
        {
            var present = state.RecentPresent(r);
            destination.SimMaskVector[r] = present ? 1f : 0f;
            destination.SimVector[r] = present ? VectorMath.Dot(state.RecentVector(r), target) : float.NaN;
            if (!present)
            {
                destination.RecentVectorsMatrix.AsSpan(r * state.D, state.D).Clear();
            }
            for (var c = 0; c < k; c++)
            {
                var defined = present && c < state.InterestCount;
                destination.MMatrix[(r * k) + c] = defined ? 1f / (1f + MathF.Abs(state.P[(r * k) + c] - onInterest[c])) : float.NaN;
                destination.MMaskMatrix[(r * k) + c] = defined ? 1f : 0f;
            }
        }
    }

    private void ComputeCounts(FatigueState state, long tsMs, long itemId, int category, ReadOnlySpan<float> target, FatigueFeatures destination)
    {
        // The window is sorted by time, so window w is the index range [from_w, to) with
        // to = the first event after t and from_w = the first event after t - w. Walking from the
        // newest back, the shortest window ends first: count chunk by chunk and snapshot the
        // running sums at each window's start.
        var day = state.Day;
        var to = day.UpperBound(tsMs);
        var oldest = day.UpperBound(tsMs - _maxWindowMs);
        var count = to - oldest;
        var cosines = count <= MaxStackCosines ? stackalloc float[count] : new float[count];
        day.DotRange(oldest, to, target, cosines);
        day.GetPayloadRuns(oldest, to, out var older, out var newer);
        // An unknown candidate category matches nothing (stored categories are >= -1).
        var matchCategory = category >= 0 ? category : int.MinValue;

        var sums = default(RepetitionSums);
        var end = to;
        foreach (var w in _windowsByLength)
        {
            var start = Math.Min(day.UpperBound(tsMs - _windowsMs[w]), end);
            // Indices [start, end) relative to oldest; the runs split at older.Length.
            int lo = start - oldest, hi = end - oldest, split = older.Length;
            if (lo < split)
            {
                sums.Add(older[lo..Math.Min(hi, split)], cosines[lo..Math.Min(hi, split)], itemId, matchCategory, _similarThreshold);
            }
            if (hi > split)
            {
                var from = Math.Max(lo, split);
                sums.Add(newer[(from - split)..(hi - split)], cosines[from..hi], itemId, matchCategory, _similarThreshold);
            }
            destination.NAllCounts[w] = to - start;
            destination.NSameItemCounts[w] = sums.SameItem;
            destination.NSameCategoryCounts[w] = sums.SameCategory;
            destination.NSimilarCounts[w] = sums.Similar;
            end = start;
        }
    }

    private static void CheckShape(FatigueState state, ReadOnlySpan<float> itemVector)
    {
        if (itemVector.Length != state.D)
        {
            throw new ArgumentException($"The item vector has {itemVector.Length} floats, the state's dimension is {state.D}.", nameof(itemVector));
        }
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException("Invalid feature options: " + message + ".", "options");
        }
    }
}

using Streaming.Core.Events;
using Streaming.Core.Randomness;

namespace Streaming.Core.Datasets;

/// <summary>
/// The mutable simulation state of one synthetic user: small and fixed in size (its own random
/// stream, the categories of its recent window, and the not yet emitted interactions of its
/// current request), so millions of events stream through without growing memory.
/// </summary>
internal sealed class SyntheticUser
{
    private const ulong EventStream = 3;

    private readonly int[] _recentCategories; // ring buffer of the last RecentWindow categories
    private readonly Interaction?[] _pending;
    private int _recentCount;
    private int _recentHead;
    private int _pendingCount;
    private int _pendingNext;

    /// <summary>Creates the user at <paramref name="index"/> with its first request inside its first session gap.</summary>
    public SyntheticUser(SyntheticOptions options, int index)
    {
        Index = index;
        Profile = SyntheticUserProfile.Create(options, index);
        Rng = new Xoshiro256StarStar(SplitMix64.Derive((ulong)options.Seed, EventStream, (ulong)index));
        _recentCategories = new int[options.RecentWindow];
        _pending = new Interaction?[options.MaxExposuresPerRequest];
        // Users start at random points of their first gap, so all of them are active from the start.
        NextRequestTs = options.StartMs + (long)(Rng.NextDouble() * MeanSessionGapMs(options));
    }

    /// <summary>Mutable struct! Use it in place (<c>user.Rng.NextDouble()</c>), never copy it.</summary>
    public Xoshiro256StarStar Rng;

    /// <summary>Index of the user (user id minus 1).</summary>
    public int Index { get; }

    /// <summary>User id.</summary>
    public long Id => Index + 1L;

    /// <summary>The user's fixed traits.</summary>
    public SyntheticUserProfile Profile { get; }

    /// <summary>Number of requests started so far; the next request's sequence number.</summary>
    public int RequestCount { get; set; }

    /// <summary>Time of the user's next request, once its pending interactions are out.</summary>
    public long NextRequestTs { get; set; }

    /// <summary>True while interactions of the current request are still to be emitted.</summary>
    public bool HasPending => _pendingNext < _pendingCount;

    /// <summary>Number of interactions of the current request still to be emitted.</summary>
    public int PendingRemaining => _pendingCount - _pendingNext;

    /// <summary>Time of the user's next event (pending interaction or next request).</summary>
    public long NextEventTs => HasPending ? _pending[_pendingNext]!.TsMs : NextRequestTs;

    /// <summary>Mean time between session starts of this user, milliseconds.</summary>
    public double MeanSessionGapMs(SyntheticOptions options) => 86_400_000.0 / (options.SessionsPerDay * Profile.Activity);

    /// <summary>How many of the recent window's interactions had <paramref name="category"/>.</summary>
    public int CountRecent(int category)
    {
        var n = 0;
        for (var i = 0; i < _recentCount; i++)
        {
            if (_recentCategories[i] == category)
            {
                n++;
            }
        }

        return n;
    }

    /// <summary>Adds an interaction's category to the recent window, dropping the oldest when full.</summary>
    public void PushRecent(int category)
    {
        _recentCategories[_recentHead] = category;
        _recentHead = (_recentHead + 1) % _recentCategories.Length;
        _recentCount = Math.Min(_recentCount + 1, _recentCategories.Length);
    }

    /// <summary>Queues an interaction of the current request (time order).</summary>
    public void AddPending(Interaction interaction)
    {
        if (!HasPending)
        {
            _pendingCount = 0;
            _pendingNext = 0;
        }

        _pending[_pendingCount++] = interaction;
    }

    /// <summary>Takes the next pending interaction.</summary>
    public Interaction TakePending()
    {
        var interaction = _pending[_pendingNext]!;
        _pending[_pendingNext++] = null; // the consumer owns it now; don't keep it alive
        return interaction;
    }
}

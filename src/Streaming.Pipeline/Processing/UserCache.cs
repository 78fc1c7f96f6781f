using Streaming.Core.Features;
using Streaming.State;

namespace Streaming.Pipeline.Processing;

/// <summary>
/// One partition's users, decoded, in memory, loaded from the store on first use. Users with
/// changes that are not durable yet are never evicted, so the cache never loses an update; clean
/// users leave least-recently-used first once the cache is over capacity.
/// </summary>
internal sealed class UserCache(IStateStore store, FeatureEngine engine, int capacity)
{
    private readonly Dictionary<long, CachedUser> _users = [];
    private readonly List<CachedUser> _dirty = [];
    private long _clock;

    /// <summary>Users held in memory.</summary>
    public int Count => _users.Count;

    /// <summary>The user's cached entry, loaded from the store (or new) when absent.</summary>
    public CachedUser Get(long userId)
    {
        if (!_users.TryGetValue(userId, out var user))
        {
            user = Load(userId);
            _users.Add(userId, user);
        }
        user.LastUse = ++_clock;
        return user;
    }

    /// <summary>Marks the user as changed since the last checkpoint.</summary>
    public void MarkDirty(CachedUser user)
    {
        if (!user.Dirty)
        {
            user.Dirty = true;
            _dirty.Add(user);
        }
    }

    /// <summary>Hands the users changed since the last call to a checkpoint and clears their dirty flags.</summary>
    public List<CachedUser> TakeDirty()
    {
        var taken = new List<CachedUser>(_dirty);
        foreach (var user in taken)
        {
            user.Dirty = false;
            user.PendingCheckpoints++;
        }
        _dirty.Clear();
        return taken;
    }

    /// <summary>Records that a checkpoint carrying these users is durable, then trims the cache.</summary>
    public void Durable(IReadOnlyList<CachedUser> users)
    {
        foreach (var user in users)
        {
            user.PendingCheckpoints--;
        }
        if (_users.Count > capacity)
        {
            EvictClean();
        }
    }

    private CachedUser Load(long userId)
    {
        var stored = store.ReadUser(userId);
        return stored is null
            ? new CachedUser(engine.CreateState(userId), appliedOffset: -1)
            : new CachedUser(UserStateCodec.Decode(stored.Value.State.Span, engine.Options, engine.Vectors), stored.Value.AppliedOffset);
    }

    private void EvictClean()
    {
        // Cold path: runs once the cache overflows, and removes a quarter so it does not run again soon.
        var target = capacity * 3 / 4;
        var evictable = _users.Values.Where(u => !u.Dirty && u.PendingCheckpoints == 0).OrderBy(u => u.LastUse).ToList();
        foreach (var user in evictable)
        {
            if (_users.Count <= target)
            {
                break;
            }
            _users.Remove(user.State.UserId);
        }
    }
}

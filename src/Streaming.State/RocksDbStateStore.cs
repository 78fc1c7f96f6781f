using RocksDbSharp;
using Streaming.Core.Encoding;

namespace Streaming.State;

/// <summary>
/// The embedded state store: RocksDB in a local folder (the default mode). Key and value layouts
/// are drawn in <see cref="StateKeys"/> and <see cref="StateValues"/>.
/// </summary>
/// <remarks>
/// A commit builds its whole <see cref="WriteBatch"/> outside any lock, then, under the lock of its
/// partition, reads the stored offset, compares, and writes. The write has to stay inside: a
/// compare-and-set cannot decide under a lock and act after it. The locks are per partition, not
/// per store: commits of different partitions never conflict, and letting them run together lets
/// RocksDB group their log writes into one fsync. Disposing while calls are in flight is a bug.
/// </remarks>
public sealed class RocksDbStateStore : IStateStore
{
    private readonly SharedRocksDb _shared;
    private readonly byte[] _userPrefix;
    private int _disposed;

    /// <summary>Opens (or creates) the database at <see cref="RocksDbStoreOptions.Path"/>.</summary>
    /// <exception cref="StateStoreOpenException">The folder cannot be created or written, or the database is already open or corrupt.</exception>
    public RocksDbStateStore(RocksDbStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        StateKeys.CheckNamespace(options.Namespace);
        Namespace = options.Namespace;
        _userPrefix = StateKeys.UserPrefix(Namespace);
        _shared = SharedRocksDb.Open(options);
    }

    private RocksDbStateStore(SharedRocksDb shared, string ns)
    {
        Namespace = ns;
        _userPrefix = StateKeys.UserPrefix(ns);
        _shared = shared;
    }

    /// <inheritdoc />
    public string Namespace { get; }

    /// <summary>The database folder, as a full path.</summary>
    public string Path => _shared.Path;

    /// <summary>
    /// A store over the same open database under another namespace (a replay beside production).
    /// Each view is disposed on its own; the database closes with the last one.
    /// </summary>
    public RocksDbStateStore WithNamespace(string ns)
    {
        StateKeys.CheckNamespace(ns);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (!_shared.TryAddView())
        {
            throw new ObjectDisposedException(nameof(RocksDbStateStore), "The database is closed.");
        }
        return new RocksDbStateStore(_shared, ns);
    }

    /// <inheritdoc />
    public long? ReadOffset(string topic, int partition)
    {
        StateKeys.CheckTopic(topic);
        ArgumentOutOfRangeException.ThrowIfNegative(partition);
        var value = Get(StateKeys.OffsetKey(Namespace, topic, partition));
        return value is null ? null : StateValues.ReadOffset(value);
    }

    /// <inheritdoc />
    public StoredUser? ReadUser(long userId)
    {
        var value = Get(StateKeys.UserKey(Namespace, userId));
        return value is null ? null : StateValues.ReadUser(value);
    }

    /// <inheritdoc />
    public CommitResult Commit(StateBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        batch.EnsureValid();
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);

        using var write = new WriteBatch();
        var value = new StateWriter(256);
        foreach (var user in batch.Users)
        {
            StateValues.WriteUser(value, user.AppliedOffset, batch.Partition, user.State.Span);
            write.Put(StateKeys.UserKey(Namespace, user.UserId), value.WrittenSpan);
        }
        var offsetKey = StateKeys.OffsetKey(Namespace, batch.Topic, batch.Partition);
        StateValues.WriteOffset(value, batch.NextOffset);
        write.Put(offsetKey, value.WrittenSpan);

        lock (_shared.PartitionLock(Namespace, batch.Topic, batch.Partition))
        {
            var stored = Get(offsetKey);
            var storedOffset = stored is null ? (long?)null : StateValues.ReadOffset(stored);
            if (storedOffset != batch.ExpectedOffset)
            {
                return CommitResult.Fenced;
            }
            try
            {
                _shared.Db.Write(write, _shared.WriteOptions);
            }
            catch (RocksDbException e)
            {
                throw new IOException($"RocksDB state store at '{Path}' failed to commit {batch.Topic}/{batch.Partition}: {e.Message}", e);
            }
        }
        return CommitResult.Committed;
    }

    /// <inheritdoc />
    public IEnumerable<long> UserIds()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        using var iterator = _shared.Db.NewIterator();
        for (iterator.Seek(_userPrefix); iterator.Valid(); iterator.Next())
        {
            if (!iterator.GetKeySpan().StartsWith(_userPrefix))
            {
                yield break;
            }
            yield return StateKeys.UserIdOf(iterator.GetKeySpan());
        }
    }

    /// <summary>Releases this view; the database closes when no view is left.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _shared.ReleaseView();
        }
    }

    private byte[]? Get(byte[] key)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        try
        {
            return _shared.Db.Get(key);
        }
        catch (RocksDbException e)
        {
            throw new IOException($"RocksDB state store at '{Path}' failed to read: {e.Message}", e);
        }
    }
}

using System.Collections.Concurrent;
using RocksDbSharp;

namespace Streaming.State;

/// <summary>
/// One open RocksDB database shared by the <see cref="RocksDbStateStore"/> views of several
/// namespaces (RocksDB admits one opener per folder). Closed when the last view is disposed.
/// </summary>
internal sealed class SharedRocksDb
{
    private readonly ConcurrentDictionary<(string Namespace, string Topic, int Partition), object> _partitionLocks = new();
    private int _views = 1;

    private SharedRocksDb(RocksDb db, string path, bool syncWrites)
    {
        Db = db;
        Path = path;
        WriteOptions = new WriteOptions().SetSync(syncWrites);
    }

    public RocksDb Db { get; }

    public string Path { get; }

    public WriteOptions WriteOptions { get; }

    public static SharedRocksDb Open(RocksDbStoreOptions options)
    {
        var path = System.IO.Path.GetFullPath(options.Path);
        if (options.CreateIfMissing)
        {
            try
            {
                Directory.CreateDirectory(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new StateStoreOpenException(path, $"the folder cannot be created ({e.Message})", e);
            }
        }
        var dbOptions = new DbOptions()
            .SetCreateIfMissing(options.CreateIfMissing)
            .SetKeepLogFileNum(5);
        try
        {
            return new SharedRocksDb(RocksDb.Open(dbOptions, path), path, options.SyncWrites);
        }
        catch (RocksDbException e)
        {
            var cause = e.Message.Contains("lock", StringComparison.OrdinalIgnoreCase)
                ? $"it is already open, by this process or another (RocksDB allows one opener; open other namespaces with RocksDbStateStore.WithNamespace): {e.Message}"
                : e.Message;
            throw new StateStoreOpenException(path, cause, e);
        }
    }

    /// <summary>The lock that serialises commits of one partition of one namespace.</summary>
    public object PartitionLock(string ns, string topic, int partition) =>
        _partitionLocks.GetOrAdd((ns, topic, partition), static _ => new object());

    /// <summary>Counts one more view; false when the database is already closed.</summary>
    public bool TryAddView()
    {
        var views = Volatile.Read(ref _views);
        while (views > 0)
        {
            var seen = Interlocked.CompareExchange(ref _views, views + 1, views);
            if (seen == views)
            {
                return true;
            }
            views = seen;
        }
        return false;
    }

    /// <summary>Drops one view, closing the database with the last.</summary>
    public void ReleaseView()
    {
        if (Interlocked.Decrement(ref _views) == 0)
        {
            Db.Dispose();
        }
    }
}

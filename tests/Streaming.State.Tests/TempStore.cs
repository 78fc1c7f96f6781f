
namespace Streaming.State.Tests;

/// <summary>A fresh folder under the temp directory, deleted with everything in it on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder() => Path = Directory.CreateTempSubdirectory("streaming-state-").FullName;

    public string Path { get; }

    public string Db => System.IO.Path.Combine(Path, "db");

    public RocksDbStateStore Open(string ns = "prod", bool sync = true) =>
        new(new RocksDbStoreOptions { Path = Db, Namespace = ns, SyncWrites = sync });

    public void Dispose() => Directory.Delete(Path, recursive: true);
}

internal static class Batches
{
    public const string Topic = "interactions";

    public static UserWrite User(long id, long applied, params byte[] state) => new(id, applied, state);

    public static StateBatch Of(int partition, long? expected, long next, params UserWrite[] users) =>
        new(Topic, partition, expected, next, users);
}

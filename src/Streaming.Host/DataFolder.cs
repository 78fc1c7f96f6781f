namespace Streaming.Host;

/// <summary>
/// The folder a command keeps its files in (<c>--data</c>, default <c>.streaming/&lt;command&gt;</c>):
/// the RocksDB store under <c>store/</c> and the embedded broker's bootstrap address in
/// <c>bootstrap.txt</c>.
/// </summary>
public sealed class DataFolder(string root)
{
    /// <summary>The folder itself.</summary>
    public string Root { get; } = Path.GetFullPath(root);

    /// <summary>The RocksDB store's folder.</summary>
    public string Store => Path.Combine(Root, "store");

    /// <summary>The file holding the embedded broker's bootstrap address while it runs.</summary>
    public string BootstrapFile => Path.Combine(Root, "bootstrap.txt");

    /// <summary>Reads <c>--data</c>, defaulting to <c>.streaming/<paramref name="command"/></c>.</summary>
    public static DataFolder From(CommandLineArgs args, string command) =>
        new(args.String("data", Path.Combine(".streaming", command)));

    /// <summary>Deletes the store, for commands whose data lives only as long as their embedded broker.</summary>
    public void ResetStore()
    {
        if (Directory.Exists(Store))
        {
            Directory.Delete(Store, recursive: true);
        }
        Directory.CreateDirectory(Root);
    }
}

namespace Streaming.Host;

/// <summary>Where a command finds Kafka: <c>--bootstrap HOST:PORT</c>, or <c>--bootstrap-file</c> written by <c>streaming broker</c>.</summary>
public static class BootstrapArgs
{
    /// <summary>The bootstrap address the command line names.</summary>
    public static string From(CommandLineArgs args)
    {
        if (args.Get("bootstrap") is { } bootstrap)
        {
            return bootstrap;
        }
        var file = args.String("bootstrap-file", Path.Combine(".streaming", "broker", "bootstrap.txt"));
        return File.Exists(file)
            ? File.ReadAllText(file).Trim()
            : throw new UsageException($"Give --bootstrap HOST:PORT, or start `streaming broker` first (no bootstrap file at {Path.GetFullPath(file)}).");
    }
}

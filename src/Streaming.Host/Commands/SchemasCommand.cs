using Streaming.Core.Schemas.Compatibility;

namespace Streaming.Host.Commands;

/// <summary>
/// <c>streaming schemas check [--schemas DIR]</c>: checks the schemas folder (docs/schemas.md) —
/// every subject's history against its compatibility mode, and every golden payload. Prints one
/// line per violation and, last, <c>{"subjects":…,"versions":…,"violations":…}</c>; exits 1 on
/// any violation. All the logic is <see cref="SchemaFolderCheck"/>; this only reads the folder.
/// </summary>
public sealed class SchemasCommand : ICommand
{
    private const string UsageLine = "streaming schemas check [--schemas DIR]";

    /// <inheritdoc />
    public async Task<int> RunAsync(CommandLineArgs args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        if (args.Positional.Count != 2 || args.Positional[1] != "check")
        {
            throw new UsageException($"schemas expects the word 'check': {UsageLine}");
        }
        var folder = args.Get("schemas") ?? FindSchemasFolder(Directory.GetCurrentDirectory())
            ?? throw new UsageException($"No schemas/ folder with {SchemaFolderCheck.SettingsFile} in the current directory or above it; pass --schemas DIR.");
        args.EnsureAllUsed();
        if (!Directory.Exists(folder))
        {
            throw new UsageException($"--schemas {folder}: no such folder.");
        }
        var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/'))
            .ToList();
        var report = SchemaFolderCheck.Run(
            files,
            f => File.ReadAllText(Path.Combine(folder, f)),
            f => File.ReadAllBytes(Path.Combine(folder, f)));
        foreach (var violation in report.Violations)
        {
            await output.WriteLineAsync(violation).ConfigureAwait(false);
        }
        await output.WriteLineAsync(report.SummaryJson()).ConfigureAwait(false);
        return report.Passed ? 0 : 1;
    }

    /// <summary>The nearest <c>schemas/</c> holding the settings file, walking up from <paramref name="start"/>; null when none.</summary>
    internal static string? FindSchemasFolder(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "schemas");
            if (File.Exists(Path.Combine(candidate, SchemaFolderCheck.SettingsFile)))
            {
                return candidate;
            }
        }
        return null;
    }
}

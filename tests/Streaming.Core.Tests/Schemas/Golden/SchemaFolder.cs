namespace Streaming.Core.Tests.Schemas.Golden;

/// <summary>The repository's schemas/ folder, read from disk.</summary>
internal static class SchemaFolder
{
    public static string Root { get; } = FindRoot();

    public static string Path(string relative) => System.IO.Path.Combine(Root, relative);

    public static string Text(string relative) => File.ReadAllText(Path(relative));

    public static byte[] Bytes(string relative) => File.ReadAllBytes(Path(relative));

    /// <summary>Every file under schemas/, relative and '/'-separated.</summary>
    public static IReadOnlyList<string> Files() =>
        Directory.GetFiles(Root, "*", SearchOption.AllDirectories)
            .Select(f => System.IO.Path.GetRelativePath(Root, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>Subjects with golden payloads, each with its versions ascending.</summary>
    public static IReadOnlyList<(string Subject, int[] Versions)> Subjects() =>
        Directory.GetDirectories(Path("events"))
            .Select(d => System.IO.Path.GetFileName(d))
            .Order(StringComparer.Ordinal)
            .Select(s => (s, Directory.GetFiles(Path($"events/{s}"), "v*.avsc")
                .Select(f => int.Parse(System.IO.Path.GetFileNameWithoutExtension(f)[1..], System.Globalization.CultureInfo.InvariantCulture))
                .Order()
                .ToArray()))
            .ToList();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Streaming.sln")))
            {
                return System.IO.Path.Combine(dir.FullName, "schemas");
            }
        }
        throw new InvalidOperationException("Streaming.sln not found above " + AppContext.BaseDirectory);
    }
}

using Streaming.Core.Schemas;

namespace Streaming.Core.Tests.Schemas;

/// <summary>The binary carries exactly the schema files of the repository's schemas/events folder.</summary>
public sealed class EmbeddedSchemas
{
    [Fact]
    public void Every_schema_file_is_embedded_byte_for_byte()
    {
        var root = RepositoryRoot();
        var files = Directory.GetFiles(Path.Combine(root, "schemas", "events"), "*.avsc", SearchOption.AllDirectories);
        Assert.Equal(6, files.Length);
        Assert.All(files, f => Assert.True(Enum.TryParse<EventType>(Path.GetFileName(Path.GetDirectoryName(f)), out _), $"{f} names no EventType"));
        var embedded = typeof(EventCodec).Assembly.GetManifestResourceNames().Where(n => n.StartsWith("schemas/events/", StringComparison.Ordinal)).Order().ToArray();
        var expected = files.Select(f => Path.GetRelativePath(root, f).Replace('\\', '/')).Order().ToArray();
        Assert.Equal(expected, embedded);
        foreach (var file in files)
        {
            Assert.Equal(File.ReadAllText(file), EventSchemaSet.ReadResource(Path.GetRelativePath(root, file).Replace('\\', '/')));
        }
    }

    [Fact]
    public void Embedded_schemas_load_and_the_codec_starts() =>
        Assert.Equal(2, new EventCodec().CurrentVersion(EventType.Interaction));

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Streaming.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Streaming.sln not found above " + AppContext.BaseDirectory);
    }
}

using Streaming.Core.Schemas.Compatibility;

namespace Streaming.Core.Tests.Schemas.Compatibility;

/// <summary>Small schema texts for the rule tests, and shorthands to resolve them.</summary>
internal static class Avsc
{
    /// <summary>A record named <paramref name="name"/> with the given field JSON objects.</summary>
    public static string Record(string name, params string[] fields) =>
        $$"""{ "type": "record", "name": "{{name}}", "fields": [{{string.Join(", ", fields)}}] }""";

    /// <summary>A field object: <c>Field("a", "\"int\"")</c>, with an optional default JSON.</summary>
    public static string Field(string name, string type, string? defaultJson = null) =>
        defaultJson is null
            ? $$"""{ "name": "{{name}}", "type": {{type}} }"""
            : $$"""{ "name": "{{name}}", "type": {{type}}, "default": {{defaultJson}} }""";

    public static string Quote(string primitive) => $"\"{primitive}\"";

    public static IReadOnlyList<ResolutionIssue> Resolve(string reader, string writer) => SchemaResolver.Check(reader, writer, "vR", "vW");

    public static void Resolves(string reader, string writer)
    {
        var issues = Resolve(reader, writer);
        Assert.True(issues.Count == 0, string.Join("\n", issues.Select(i => i.Detail)));
    }

    public static ResolutionIssue Single(string reader, string writer) => Assert.Single(Resolve(reader, writer));
}

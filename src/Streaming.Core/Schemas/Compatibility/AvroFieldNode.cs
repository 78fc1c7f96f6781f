using System.Text.Json;

namespace Streaming.Core.Schemas.Compatibility;

/// <summary>A record field as schema resolution sees it: name, aliases, type and default (order and doc do not matter).</summary>
internal sealed record AvroFieldNode(string Name, IReadOnlyList<string> Aliases, AvroSchemaNode Type, JsonElement? Default)
{
    public bool HasDefault => Default.HasValue;

    /// <summary>True when this (reader) field reads a writer field named <paramref name="writerName"/>: by its name or an alias.</summary>
    public bool Reads(string writerName) => Name == writerName || Aliases.Contains(writerName);
}

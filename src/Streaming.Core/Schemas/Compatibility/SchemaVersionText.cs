namespace Streaming.Core.Schemas.Compatibility;

/// <summary>One version of a subject's schema, as the JSON text of its <c>v&lt;N&gt;.avsc</c>.</summary>
/// <param name="Version">The version number (1, 2, ...).</param>
/// <param name="Json">The schema text.</param>
public sealed record SchemaVersionText(int Version, string Json);

namespace Streaming.Core.Schemas;

/// <summary>
/// The framing every event payload carries, so a consumer knows the writer's schema without a
/// registry: a three-byte header, then the Avro binary body written with that schema.
/// </summary>
/// <remarks>
/// <code>
///  byte  0         1            2                 3 ...                 N-1
///       +---------+------------+-----------------+-------------------------+
///       | magic   | event type | schema version  | Avro binary body        |
///       | 0x53'S' | 1,2,3      | 1..255          | (writer schema =        |
///       |         | EventType  | v&lt;N&gt;.avsc        |  type + version)        |
///       +---------+------------+-----------------+-------------------------+
/// </code>
/// The version is the writer's; a reader resolves it against its current schema of that type
/// (Avro schema resolution). Version 0 is never written. docs/framing.md has the full rules.
/// </remarks>
public static class EventFrame
{
    /// <summary>The first byte of every payload, <c>'S'</c>.</summary>
    public const byte Magic = 0x53;

    /// <summary>Offset of the magic byte.</summary>
    public const int MagicOffset = 0;

    /// <summary>Offset of the <see cref="EventType"/> byte.</summary>
    public const int TypeOffset = MagicOffset + 1;

    /// <summary>Offset of the writer's schema version byte.</summary>
    public const int VersionOffset = TypeOffset + 1;

    /// <summary>Length of the header; the Avro body starts here.</summary>
    public const int HeaderLength = VersionOffset + 1;
}

namespace Streaming.Host.Chaos;

/// <summary>The kinds of malformed input the chaos workload interleaves with valid events.</summary>
internal enum BadRecordKind
{
    /// <summary>Random bytes that do not start with the framing's magic byte.</summary>
    RandomBytes,

    /// <summary>A valid framed interaction cut short inside its Avro body.</summary>
    TruncatedAvro,

    /// <summary>A valid framed interaction whose header names a schema version this build does not carry.</summary>
    UnknownSchemaVersion,

    /// <summary>A well-formed interaction with a value outside SPEC §1's ranges.</summary>
    OutOfRange,

    /// <summary>A payload larger than the pipeline's <c>MaxPayloadBytes</c>.</summary>
    Oversized,
}

namespace Streaming.Core.Schemas;

/// <summary>
/// What <see cref="EventCodec.Decode"/> made of a payload, and so what the caller does next:
/// <see cref="Ok"/> applies the event; every other status sends the record to the dead-letter
/// topic with <see cref="DecodeResult.Reason"/> and its source offset, and the stream goes on.
/// </summary>
public enum DecodeStatus
{
    /// <summary>A valid event: apply it.</summary>
    Ok,

    /// <summary>The bytes are not a framed Avro event (bad magic, truncated or corrupt body, trailing bytes).</summary>
    Malformed,

    /// <summary>The framing names an event type this build does not know.</summary>
    UnknownType,

    /// <summary>The framing names a schema version of a known type that this build does not carry.</summary>
    UnknownSchemaVersion,

    /// <summary>The event decoded but a value breaks a range rule (negative duration, time out of bounds, oversized, ...).</summary>
    OutOfRange,
}

using System.Buffers;
using Streaming.Core.Events;

namespace Streaming.Core.Schemas;

/// <summary>
/// Encodes events as framed Avro (<see cref="EventFrame"/>: magic, type, schema version, body) and
/// decodes them back, validating SPEC §1's range rules. Pure and thread-safe: no clock (the
/// caller passes the Kafka record timestamp), no I/O; the schemas are embedded in the assembly.
/// </summary>
/// <remarks>
/// Encoding always writes the current (highest) schema version of the type. Decoding reads the
/// current version with a hand-rolled reader and every older version with Apache.Avro's
/// resolving reader into the current schema; both give the same event for the same bytes.
/// <see cref="Decode"/> never throws for any input: every problem is a <see cref="DecodeStatus"/>.
/// An <c>Encode</c> into an <see cref="IBufferWriter{T}"/> that throws may leave a partial payload
/// behind in it; discard that buffer's contents.
/// </remarks>
public sealed class EventCodec
{
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    private readonly EventSchemaSet _schemas;
    private readonly byte _interactionVersion;
    private readonly byte _scoringRequestVersion;
    private readonly byte _scoredRequestVersion;
    private readonly byte _trainingSampleVersion;

    /// <summary>A codec with the default range rules and the embedded schemas.</summary>
    public EventCodec()
        : this(EventCodecOptions.Default)
    {
    }

    /// <summary>A codec with the given range rules and the embedded schemas.</summary>
    public EventCodec(EventCodecOptions options)
        : this(options, EventSchemaSet.Embedded)
    {
    }

    internal EventCodec(EventCodecOptions options, EventSchemaSet schemas)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options.Validated();
        _schemas = schemas;
        _interactionVersion = schemas.For(EventType.Interaction).Current;
        _scoringRequestVersion = schemas.For(EventType.ScoringRequest).Current;
        _scoredRequestVersion = schemas.For(EventType.ScoredRequest).Current;
        _trainingSampleVersion = schemas.For(EventType.TrainingSample).Current;
    }

    /// <summary>The range rules in force.</summary>
    public EventCodecOptions Options { get; }

    /// <summary>The schema version this codec writes for <paramref name="type"/> (the highest it knows).</summary>
    public byte CurrentVersion(EventType type) => _schemas.For(type).Current;

    /// <summary>Encodes an interaction as a new framed payload. Does not apply the range rules.</summary>
    /// <exception cref="ArgumentException">A required string is null or not valid UTF-16.</exception>
    public byte[] Encode(Interaction interaction)
    {
        var buffer = RentBuffer();
        Encode(interaction, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Appends an interaction's framed payload to <paramref name="destination"/>. Does not apply the range rules.</summary>
    /// <exception cref="ArgumentException">A required string is null or not valid UTF-16.</exception>
    public void Encode(Interaction interaction, IBufferWriter<byte> destination)
    {
        var writer = Header(destination, EventType.Interaction, _interactionVersion);
        InteractionAvro.Write(writer, interaction);
    }

    /// <summary>Encodes a scoring request as a new framed payload. Does not apply the range rules.</summary>
    /// <exception cref="ArgumentException">A required string or list is null, or a string is not valid UTF-16.</exception>
    public byte[] Encode(ScoringRequest request)
    {
        var buffer = RentBuffer();
        Encode(request, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Appends a scoring request's framed payload to <paramref name="destination"/>. Does not apply the range rules.</summary>
    /// <exception cref="ArgumentException">A required string or list is null, or a string is not valid UTF-16.</exception>
    public void Encode(ScoringRequest request, IBufferWriter<byte> destination)
    {
        var writer = Header(destination, EventType.ScoringRequest, _scoringRequestVersion);
        ScoringRequestAvro.Write(writer, request);
    }

    /// <summary>Encodes a scored request as a new framed payload. Does not apply the range rules.</summary>
    /// <exception cref="ArgumentException">A required string or list is null, or a string is not valid UTF-16.</exception>
    public byte[] Encode(ScoredRequest scored)
    {
        var buffer = RentBuffer();
        Encode(scored, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Appends a scored request's framed payload to <paramref name="destination"/>. Does not apply the range rules.</summary>
    /// <exception cref="ArgumentException">A required string or list is null, or a string is not valid UTF-16.</exception>
    public void Encode(ScoredRequest scored, IBufferWriter<byte> destination)
    {
        var writer = Header(destination, EventType.ScoredRequest, _scoredRequestVersion);
        ScoredRequestAvro.Write(writer, scored);
    }

    /// <summary>Encodes a training sample as a new framed payload. Does not apply the range rules.</summary>
    /// <exception cref="ArgumentException">A required string or list is null, or a string is not valid UTF-16.</exception>
    public byte[] Encode(TrainingSample sample)
    {
        var buffer = RentBuffer();
        Encode(sample, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Appends a training sample's framed payload to <paramref name="destination"/>. Does not apply the range rules.</summary>
    /// <exception cref="ArgumentException">A required string or list is null, or a string is not valid UTF-16.</exception>
    public void Encode(TrainingSample sample, IBufferWriter<byte> destination)
    {
        var writer = Header(destination, EventType.TrainingSample, _trainingSampleVersion);
        TrainingSampleAvro.Write(writer, sample);
    }

    /// <summary>
    /// Decodes and validates one framed payload. Never throws: malformed bytes, unknown types or
    /// versions and broken range rules come back as a status with a reason.
    /// </summary>
    /// <param name="payload">The Kafka record value.</param>
    /// <param name="referenceTimeMs">
    /// The Kafka record timestamp (epoch ms): <c>ts_ms</c> may be at most
    /// <see cref="EventCodecOptions.MaxFutureMs"/> after it. Negative (Kafka's -1, "none") skips that rule.
    /// </param>
    public DecodeResult Decode(ReadOnlySpan<byte> payload, long referenceTimeMs) => DecodeCore(payload, referenceTimeMs, forceGeneric: false);

    /// <summary>Decodes through Apache.Avro even for the current version: the reference the hand-rolled path is tested against.</summary>
    internal DecodeResult DecodeGeneric(ReadOnlySpan<byte> payload, long referenceTimeMs) => DecodeCore(payload, referenceTimeMs, forceGeneric: true);

    private DecodeResult DecodeCore(ReadOnlySpan<byte> payload, long referenceTimeMs, bool forceGeneric)
    {
        if (payload.Length > Options.MaxPayloadBytes)
        {
            var (type, version) = payload.Length >= EventFrame.HeaderLength
                ? ((EventType)payload[EventFrame.TypeOffset], payload[EventFrame.VersionOffset])
                : default;
            return DecodeResult.Rejected(DecodeStatus.OutOfRange, type, version, $"oversized: {payload.Length} bytes exceed the limit of {Options.MaxPayloadBytes}");
        }
        if (payload.Length < EventFrame.HeaderLength)
        {
            return DecodeResult.Rejected(DecodeStatus.Malformed, 0, 0, $"{payload.Length} bytes cannot hold the {EventFrame.HeaderLength}-byte header");
        }
        if (payload[EventFrame.MagicOffset] != EventFrame.Magic)
        {
            return DecodeResult.Rejected(DecodeStatus.Malformed, 0, 0, $"magic byte 0x{payload[EventFrame.MagicOffset]:X2} is not 0x{EventFrame.Magic:X2}");
        }
        var typeByte = payload[EventFrame.TypeOffset];
        var schemaVersion = payload[EventFrame.VersionOffset];
        var eventType = (EventType)typeByte;
        var history = _schemas.For(typeByte);
        if (history is null)
        {
            return DecodeResult.Rejected(DecodeStatus.UnknownType, eventType, schemaVersion, $"event type {typeByte} is unknown (known: 1 Interaction, 2 ScoringRequest, 3 ScoredRequest, 4 TrainingSample)");
        }
        if (!history.Knows(schemaVersion))
        {
            return DecodeResult.Rejected(DecodeStatus.UnknownSchemaVersion, eventType, schemaVersion, $"schema version {schemaVersion} of {eventType} is unknown (known: {history.KnownVersions})");
        }
        object? decoded;
        string? error;
        if (schemaVersion == history.Current && !forceGeneric)
        {
            decoded = ReadCurrent(eventType, payload, out error);
        }
        else
        {
            decoded = GenericEventReader.Read(history, schemaVersion, payload, out error);
        }
        if (decoded is null)
        {
            return DecodeResult.Rejected(DecodeStatus.Malformed, eventType, schemaVersion, error ?? "malformed Avro body");
        }
        var reason = decoded switch
        {
            Interaction i => EventValidator.Check(i, referenceTimeMs, Options),
            ScoringRequest r => EventValidator.Check(r, referenceTimeMs, Options),
            ScoredRequest s => EventValidator.Check(s, referenceTimeMs, Options),
            TrainingSample t => EventValidator.Check(t, referenceTimeMs, Options),
            _ => throw new InvalidOperationException($"Decoded an unexpected {decoded.GetType()}."),
        };
        return reason is null
            ? DecodeResult.Ok(eventType, schemaVersion, decoded)
            : DecodeResult.Rejected(DecodeStatus.OutOfRange, eventType, schemaVersion, reason);
    }

    private static object? ReadCurrent(EventType type, ReadOnlySpan<byte> payload, out string? error)
    {
        var reader = new AvroSpanReader(payload, EventFrame.HeaderLength);
        object? decoded = type switch
        {
            EventType.Interaction => InteractionAvro.Read(ref reader),
            EventType.ScoringRequest => ScoringRequestAvro.Read(ref reader),
            EventType.ScoredRequest => ScoredRequestAvro.Read(ref reader),
            EventType.TrainingSample => TrainingSampleAvro.Read(ref reader),
            _ => throw new InvalidOperationException($"No hand-rolled reader for {type}."),
        };
        if (decoded is not null && reader.Remaining > 0)
        {
            error = $"{reader.Remaining} trailing bytes after the Avro body at byte {reader.Position}";
            return null;
        }
        error = reader.Error;
        return decoded;
    }

    private static AvroBufferWriter Header(IBufferWriter<byte> destination, EventType type, byte version)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var header = destination.GetSpan(EventFrame.HeaderLength);
        header[EventFrame.MagicOffset] = EventFrame.Magic;
        header[EventFrame.TypeOffset] = (byte)type;
        header[EventFrame.VersionOffset] = version;
        destination.Advance(EventFrame.HeaderLength);
        return new AvroBufferWriter(destination);
    }

    private static ArrayBufferWriter<byte> RentBuffer()
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(512);
        buffer.ResetWrittenCount();
        return buffer;
    }
}

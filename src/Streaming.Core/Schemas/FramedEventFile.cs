using System.Buffers.Binary;
using Streaming.Core.Events;

namespace Streaming.Core.Schemas;

/// <summary>
/// A file of framed events: the exact payloads that go on Kafka (docs/framing.md), each preceded
/// by its length as a 4-byte big-endian integer. It is the <c>avro</c> input format of
/// <c>streaming features</c>, so a dump can run over events captured from a topic.
/// <code>
/// [length: int32 BE][payload: length bytes] [length][payload] ...
/// </code>
/// </summary>
public static class FramedEventFile
{
    /// <summary>Appends one framed payload to <paramref name="output"/>.</summary>
    public static void Write(Stream output, ReadOnlySpan<byte> payload)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, payload.Length);
        output.Write(length);
        output.Write(payload);
    }

    /// <summary>
    /// Reads the interactions of <paramref name="input"/> in file order. Other event types are
    /// skipped; a payload that does not decode, or a truncated file, throws
    /// <see cref="InvalidDataException"/> naming the record's position.
    /// </summary>
    public static IEnumerable<Interaction> ReadInteractions(Stream input, EventCodec codec)
    {
        var header = new byte[4];
        for (long index = 0; ; index++)
        {
            var read = input.ReadAtLeast(header, 4, throwOnEndOfStream: false);
            if (read == 0)
            {
                yield break;
            }
            if (read < 4)
            {
                throw new InvalidDataException($"Record {index}: the file ends inside a length prefix.");
            }
            var length = BinaryPrimitives.ReadInt32BigEndian(header);
            if (length < 0 || length > codec.Options.MaxPayloadBytes)
            {
                throw new InvalidDataException($"Record {index}: length {length} is outside 0..{codec.Options.MaxPayloadBytes}.");
            }
            var payload = new byte[length];
            if (input.ReadAtLeast(payload, length, throwOnEndOfStream: false) < length)
            {
                throw new InvalidDataException($"Record {index}: the file ends inside a {length}-byte payload.");
            }
            // No wall clock in Core: the future-time rule is skipped (reference time -1).
            var decoded = codec.Decode(payload, referenceTimeMs: -1);
            if (!decoded.IsOk)
            {
                throw new InvalidDataException($"Record {index}: {decoded.Status}: {decoded.Reason}");
            }
            if (decoded.Interaction is { } interaction)
            {
                yield return interaction;
            }
        }
    }
}

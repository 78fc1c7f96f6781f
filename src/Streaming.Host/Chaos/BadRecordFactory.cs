using Streaming.Core.Events;
using Streaming.Core.Schemas;

namespace Streaming.Host.Chaos;

/// <summary>
/// Makes one malformed payload of a given kind from a template interaction, with a seeded random
/// source, so the same seed gives the same bytes.
/// </summary>
internal sealed class BadRecordFactory(EventCodec codec, int maxPayloadBytes)
{
    // A schema version no build will carry for a long time (versions count up from 1).
    private const byte UnknownVersion = 200;

    public byte[] Make(BadRecordKind kind, Interaction template, Random random) => kind switch
    {
        BadRecordKind.RandomBytes => RandomBytes(random),
        BadRecordKind.TruncatedAvro => Truncated(codec.Encode(template), random),
        BadRecordKind.UnknownSchemaVersion => WithVersion(codec.Encode(template), UnknownVersion),
        BadRecordKind.OutOfRange => codec.Encode(OutOfRange(template, random)),
        BadRecordKind.Oversized => Oversized(codec.Encode(template), random),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(0, 64)];
        random.NextBytes(bytes);
        if (bytes.Length > 0 && bytes[EventFrame.MagicOffset] == EventFrame.Magic)
        {
            // Keep "random" from ever being a well-formed frame by chance.
            bytes[EventFrame.MagicOffset] ^= 0xFF;
        }
        return bytes;
    }

    // Every Avro field is read, optional ones included (a union index byte), so any strict prefix
    // of the body fails to decode.
    private static byte[] Truncated(byte[] valid, Random random) => valid[..random.Next(EventFrame.HeaderLength, valid.Length)];

    private static byte[] WithVersion(byte[] valid, byte version)
    {
        valid[EventFrame.VersionOffset] = version;
        return valid;
    }

    private static Interaction OutOfRange(Interaction template, Random random) => random.Next(3) switch
    {
        0 => template with { DurationMs = -1 - random.Next(1_000) },
        1 => template with { TsMs = random.Next(1, 1_000_000) },
        _ => template with { PlayTimeMs = -1 - random.Next(1_000) },
    };

    private byte[] Oversized(byte[] valid, Random random)
    {
        // A real frame padded past the limit: the size check must come before any decoding.
        var bytes = new byte[maxPayloadBytes + 1 + random.Next(256)];
        random.NextBytes(bytes);
        valid.AsSpan(0, EventFrame.HeaderLength).CopyTo(bytes);
        return bytes;
    }
}

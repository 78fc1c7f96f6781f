using Avro.Generic;
using Avro.IO;
using ApacheSchema = Avro.Schema;

namespace Streaming.Core.Schemas.Compatibility;

/// <summary>
/// Checks one golden payload (<c>schemas/samples/&lt;Subject&gt;/v&lt;N&gt;.bin</c>): its frame
/// names the subject's frame type and version N, its body reads with writer vN and every reader
/// version the subject's mode requires (Apache.Avro's resolving reader), each time giving the
/// <c>.json</c> values as that reader should see them; and, for a frame type this build's
/// <see cref="EventCodec"/> knows, the codec decodes it.
/// </summary>
internal static class GoldenPayloadCheck
{
    private static readonly EventCodec s_codec = new();

    /// <summary>Every problem with the payload; empty when it is good.</summary>
    /// <param name="name">How messages name the payload, e.g. <c>samples/Interaction/v1.bin</c>.</param>
    /// <param name="settings">The subject's settings.</param>
    /// <param name="version">The version N the payload was written with.</param>
    /// <param name="readers">The reader versions to read it with (N itself included), with their schema texts and parsed nodes.</param>
    /// <param name="payload">The framed payload.</param>
    /// <param name="values">The <c>.json</c> values.</param>
    public static List<string> Check(
        string name,
        SubjectSettings settings,
        int version,
        IReadOnlyDictionary<int, (string Json, AvroSchemaNode Node)> readers,
        byte[] payload,
        System.Text.Json.JsonElement values)
    {
        var problems = new List<string>();
        if (payload.Length < EventFrame.HeaderLength || payload[EventFrame.MagicOffset] != EventFrame.Magic
            || payload[EventFrame.TypeOffset] != settings.FrameType || payload[EventFrame.VersionOffset] != version)
        {
            var header = Convert.ToHexString(payload.AsSpan(0, Math.Min(payload.Length, EventFrame.HeaderLength)));
            problems.Add($"golden payload {name}: header {header} is not magic 53, frame type {settings.FrameType:X2}, version {version:X2}");
            return problems;
        }
        var writer = ApacheSchema.Parse(readers[version].Json);
        if (AvroBodyValidator.Validate(writer, payload, EventFrame.HeaderLength) is { } malformed)
        {
            problems.Add($"golden payload {name} is not a valid v{version} body: {malformed}");
            return problems;
        }
        foreach (var (readerVersion, (json, node)) in readers.OrderBy(r => r.Key))
        {
            var label = readerVersion == version ? $"its own schema v{version}" : $"reader v{readerVersion}";
            try
            {
                var body = payload[EventFrame.HeaderLength..];
                using var stream = new MemoryStream(body, writable: false);
                var value = new GenericDatumReader<object>(writer, ApacheSchema.Parse(json)).Read(null!, new BinaryDecoder(stream));
                if (GoldenValues.Mismatch(value, values, node, "") is { } mismatch)
                {
                    problems.Add($"golden payload {name} read with {label}: {mismatch}");
                }
            }
            catch (Exception e) when (e is Avro.AvroException or InvalidCastException or IOException)
            {
                // Apache.Avro's messages can carry both whole schemas: the first line is the story.
                var message = e.Message.Length > 240 ? e.Message[..240] + "..." : e.Message;
                problems.Add($"golden payload {name} does not decode with {label}: {message}");
            }
        }
        if (Enum.IsDefined((EventType)settings.FrameType))
        {
            // The codec this build ships must read every version ever written.
            var decoded = s_codec.Decode(payload, referenceTimeMs: -1);
            if (!decoded.IsOk)
            {
                problems.Add($"golden payload {name}: this build's EventCodec answers {decoded.Status}: {decoded.Reason}");
            }
        }
        return problems;
    }
}

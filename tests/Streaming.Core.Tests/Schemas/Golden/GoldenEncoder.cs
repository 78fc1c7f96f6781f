using System.Globalization;
using System.Text.Json;
using Avro;
using Avro.Generic;
using Avro.IO;

namespace Streaming.Core.Tests.Schemas.Golden;

/// <summary>
/// Makes a golden payload from its .json values: the values become an Apache.Avro generic datum
/// of the version's schema, written by Apache.Avro's own writer behind the 3-byte frame.
/// Deterministic: the same values and schema always give the same bytes.
/// </summary>
internal static class GoldenEncoder
{
    public static byte[] Encode(string schemaJson, byte frameType, byte version, JsonElement values)
    {
        var schema = Schema.Parse(schemaJson);
        using var stream = new MemoryStream();
        stream.Write([0x53, frameType, version]);
        new GenericDatumWriter<object?>(schema).Write(Datum(schema, values), new BinaryEncoder(stream));
        return stream.ToArray();
    }

    private static object? Datum(Schema schema, JsonElement value)
    {
        switch (schema)
        {
            case UnionSchema union:
                // Plain JSON values: null picks the null branch, anything else the first other branch that takes it.
                var branch = value.ValueKind == JsonValueKind.Null
                    ? union.Schemas.First(s => s.Tag == Schema.Type.Null)
                    : union.Schemas.First(s => s.Tag != Schema.Type.Null && Fits(s, value));
                return Datum(branch, value);
            case RecordSchema record:
                var r = new GenericRecord(record);
                foreach (var field in record.Fields)
                {
                    r.Add(field.Name, Datum(field.Schema, value.GetProperty(field.Name)));
                }
                return r;
            case ArraySchema array:
                return value.EnumerateArray().Select(v => Datum(array.ItemSchema, v)).ToArray();
            case MapSchema map:
                return value.EnumerateObject().ToDictionary(p => p.Name, p => Datum(map.ValueSchema, p.Value));
            default:
                return schema.Tag switch
                {
                    Schema.Type.Null => null,
                    Schema.Type.Boolean => value.GetBoolean(),
                    Schema.Type.Int => value.GetInt32(),
                    Schema.Type.Long => value.GetInt64(),
                    Schema.Type.Float => (float)value.GetDouble(),
                    Schema.Type.Double => value.GetDouble(),
                    Schema.Type.String => value.GetString(),
                    Schema.Type.Bytes => value.GetString()!.Select(c => (byte)c).ToArray(),
                    _ => throw new NotSupportedException($"golden values of {schema.Tag} are not supported: " + value.GetRawText()),
                };
        }
    }

    private static bool Fits(Schema schema, JsonElement value) => schema.Tag switch
    {
        Schema.Type.Boolean => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        Schema.Type.Int => value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out _),
        Schema.Type.Long => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
        Schema.Type.Float or Schema.Type.Double => value.ValueKind == JsonValueKind.Number,
        Schema.Type.String or Schema.Type.Bytes => value.ValueKind == JsonValueKind.String,
        Schema.Type.Record or Schema.Type.Map => value.ValueKind == JsonValueKind.Object,
        Schema.Type.Array => value.ValueKind == JsonValueKind.Array,
        _ => false,
    };

    /// <summary>The frame type of a subject, from schemas/compatibility.json.</summary>
    public static byte FrameType(string subject)
    {
        using var settings = JsonDocument.Parse(SchemaFolder.Text("compatibility.json"));
        return settings.RootElement.GetProperty("subjects").GetProperty(subject).GetProperty("frame_type").GetByte();
    }

    public static byte[] EncodeCommitted(string subject, int version)
    {
        using var values = JsonDocument.Parse(SchemaFolder.Text($"samples/{subject}/v{version}.json"));
        return Encode(SchemaFolder.Text($"events/{subject}/v{version}.avsc"), FrameType(subject), checked((byte)version), values.RootElement);
    }

    public static string Describe(byte[] bytes) => Convert.ToHexString(bytes).ToLower(CultureInfo.InvariantCulture);
}

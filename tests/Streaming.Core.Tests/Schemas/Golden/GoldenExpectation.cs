using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Avro.Generic;

namespace Streaming.Core.Tests.Schemas.Golden;

/// <summary>
/// The test's own model of what a reader sees, independent of the checker in Core: project the
/// writer's values onto the reader schema (drop fields the reader lacks, add its defaults), and
/// compare canonical texts of that projection and of what Apache.Avro decoded.
/// Covers the constructs the event schemas use: records, arrays, [null, T] unions, primitives.
/// </summary>
internal static class GoldenExpectation
{
    public static string Project(JsonElement values, JsonElement readerSchema)
    {
        var text = new StringBuilder();
        Project(values, readerSchema, text);
        return text.ToString();
    }

    public static string Canonical(object? decoded)
    {
        var text = new StringBuilder();
        Canonical(decoded, text);
        return text.ToString();
    }

    private static void Project(JsonElement value, JsonElement schema, StringBuilder text)
    {
        if (schema.ValueKind == JsonValueKind.Object && schema.GetProperty("type").GetString() == "record")
        {
            text.Append('{');
            var fields = schema.GetProperty("fields").EnumerateArray().OrderBy(f => f.GetProperty("name").GetString(), StringComparer.Ordinal);
            foreach (var field in fields)
            {
                var name = field.GetProperty("name").GetString()!;
                text.Append(JsonSerializer.Serialize(name)).Append(':');
                Project(value.TryGetProperty(name, out var given) ? given : field.GetProperty("default"), field.GetProperty("type"), text);
                text.Append(',');
            }
            text.Append('}');
        }
        else if (schema.ValueKind == JsonValueKind.Object && schema.GetProperty("type").GetString() == "array")
        {
            text.Append('[');
            foreach (var item in value.EnumerateArray())
            {
                Project(item, schema.GetProperty("items"), text);
                text.Append(',');
            }
            text.Append(']');
        }
        else if (schema.ValueKind == JsonValueKind.Array)
        {
            // [null, T]: the value itself, or null.
            if (value.ValueKind == JsonValueKind.Null)
            {
                text.Append("null");
            }
            else
            {
                Project(value, schema.EnumerateArray().Single(s => s.ValueKind != JsonValueKind.String || s.GetString() != "null"), text);
            }
        }
        else
        {
            text.Append(value.ValueKind switch
            {
                JsonValueKind.Number => Number(value.GetDouble()),
                JsonValueKind.String => JsonSerializer.Serialize(value.GetString()),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                JsonValueKind.Null => "null",
                _ => throw new NotSupportedException(value.GetRawText()),
            });
        }
    }

    private static void Canonical(object? value, StringBuilder text)
    {
        switch (value)
        {
            case null:
                text.Append("null");
                break;
            case GenericRecord record:
                text.Append('{');
                foreach (var field in record.Schema.Fields.OrderBy(f => f.Name, StringComparer.Ordinal))
                {
                    text.Append(JsonSerializer.Serialize(field.Name)).Append(':');
                    Canonical(record[field.Name], text);
                    text.Append(',');
                }
                text.Append('}');
                break;
            case string s:
                text.Append(JsonSerializer.Serialize(s));
                break;
            case bool b:
                text.Append(b ? "true" : "false");
                break;
            case int or long:
                text.Append(Number(Convert.ToDouble(value, CultureInfo.InvariantCulture)));
                break;
            case float f:
                text.Append(Number(f));
                break;
            case double d:
                text.Append(Number(d));
                break;
            case IEnumerable items:
                text.Append('[');
                foreach (var item in items)
                {
                    Canonical(item, text);
                    text.Append(',');
                }
                text.Append(']');
                break;
            default:
                throw new NotSupportedException(value.GetType().Name);
        }
    }

    // Golden numbers are whole or dyadic: exact as float and double, so one text fits both.
    private static string Number(double d) => d.ToString("R", CultureInfo.InvariantCulture);
}

using System.Collections;
using System.Globalization;
using System.Text.Json;
using Avro.Generic;

namespace Streaming.Core.Schemas.Compatibility;

/// <summary>
/// Compares what Apache.Avro's generic reader produced (reading a golden payload with some reader
/// schema) against the payload's <c>.json</c> field values, as the reader should see them: fields
/// the writer had keep their values (promoted where the types differ), fields it lacked take the
/// reader's default, fields the reader lacks are gone.
/// </summary>
/// <remarks>
/// The <c>.json</c> format is plain JSON, not Avro's JSON encoding: a union value is written bare
/// (<c>"req-1"</c>, not <c>{"string": "req-1"}</c>), bytes and fixed as strings of code points 0-255.
/// </remarks>
internal static class GoldenValues
{
    /// <summary>Null when <paramref name="actual"/> is what <paramref name="reader"/> should read; else what differs.</summary>
    public static string? Mismatch(object? actual, JsonElement expected, AvroSchemaNode reader, string path)
    {
        switch (reader.Kind)
        {
            case AvroKind.Union:
                if (expected.ValueKind == JsonValueKind.Null)
                {
                    return actual is null ? null : Differs(path, actual, expected);
                }
                var branch = BranchOf(actual, reader);
                return branch is null ? Differs(path, actual, expected) : Mismatch(actual, expected, branch, path);
            case AvroKind.Null:
                return actual is null && expected.ValueKind == JsonValueKind.Null ? null : Differs(path, actual, expected);
            case AvroKind.Boolean:
                return actual is bool b && expected.ValueKind is JsonValueKind.True or JsonValueKind.False && b == expected.GetBoolean() ? null : Differs(path, actual, expected);
            case AvroKind.Int or AvroKind.Long:
                return actual is int or long && expected.ValueKind == JsonValueKind.Number && expected.TryGetInt64(out var whole) && Convert.ToInt64(actual, CultureInfo.InvariantCulture) == whole
                    ? null
                    : Differs(path, actual, expected);
            case AvroKind.Float:
                // A float read from an int or long writer is the float nearest to the whole number.
                return actual is float f && expected.ValueKind == JsonValueKind.Number && f.Equals((float)expected.GetDouble()) ? null : Differs(path, actual, expected);
            case AvroKind.Double:
                return actual is double d && expected.ValueKind == JsonValueKind.Number && d.Equals(expected.GetDouble()) ? null : Differs(path, actual, expected);
            case AvroKind.String:
                return actual is string s && expected.ValueKind == JsonValueKind.String && s == expected.GetString() ? null : Differs(path, actual, expected);
            case AvroKind.Bytes:
                return actual is byte[] bytes && expected.ValueKind == JsonValueKind.String && bytes.AsSpan().SequenceEqual(Latin1(expected.GetString()!)) ? null : Differs(path, actual, expected);
            case AvroKind.Fixed:
                return actual is GenericFixed fx && expected.ValueKind == JsonValueKind.String && fx.Value.AsSpan().SequenceEqual(Latin1(expected.GetString()!)) ? null : Differs(path, actual, expected);
            case AvroKind.Enum:
                return EnumMismatch(actual, expected, reader, path);
            case AvroKind.Array:
                return ArrayMismatch(actual, expected, reader, path);
            case AvroKind.Map:
                return MapMismatch(actual, expected, reader, path);
            case AvroKind.Record:
                return RecordMismatch(actual, expected, reader, path);
            default:
                return $"{Name(path)}: unsupported type {reader.Describe()}";
        }
    }

    private static string? RecordMismatch(object? actual, JsonElement expected, AvroSchemaNode reader, string path)
    {
        if (actual is not GenericRecord record || expected.ValueKind != JsonValueKind.Object)
        {
            return Differs(path, actual, expected);
        }
        foreach (var field in reader.Fields)
        {
            var fieldPath = path.Length == 0 ? field.Name : path + "." + field.Name;
            JsonElement want;
            if (expected.TryGetProperty(field.Name, out var byName))
            {
                want = byName;
            }
            else if (field.Aliases.FirstOrDefault(a => expected.TryGetProperty(a, out _)) is { } alias)
            {
                want = expected.GetProperty(alias);
            }
            else if (field.Default is { } fallback)
            {
                want = fallback;
            }
            else
            {
                return $"{Name(fieldPath)} is neither in the values nor has a default";
            }
            if (!record.TryGetValue(field.Name, out var value))
            {
                return $"{Name(fieldPath)} is missing from the decoded record";
            }
            if (Mismatch(value, want, field.Type, fieldPath) is { } mismatch)
            {
                return mismatch;
            }
        }
        return null;
    }

    private static string? EnumMismatch(object? actual, JsonElement expected, AvroSchemaNode reader, string path)
    {
        if (actual is not GenericEnum symbol || expected.ValueKind != JsonValueKind.String)
        {
            return Differs(path, actual, expected);
        }
        // A writer symbol the reader lacks reads as the reader's default symbol.
        var want = reader.Symbols.Contains(expected.GetString()!) ? expected.GetString() : reader.EnumDefault;
        return symbol.Value == want ? null : Differs(path, actual, expected);
    }

    private static string? ArrayMismatch(object? actual, JsonElement expected, AvroSchemaNode reader, string path)
    {
        if (actual is not IEnumerable items || actual is string || expected.ValueKind != JsonValueKind.Array)
        {
            return Differs(path, actual, expected);
        }
        var list = items.Cast<object?>().ToList();
        if (list.Count != expected.GetArrayLength())
        {
            return $"{Name(path)} has {list.Count} items, expected {expected.GetArrayLength()}";
        }
        var i = 0;
        foreach (var want in expected.EnumerateArray())
        {
            if (Mismatch(list[i], want, reader.Items!, $"{path}[{i}]") is { } mismatch)
            {
                return mismatch;
            }
            i++;
        }
        return null;
    }

    private static string? MapMismatch(object? actual, JsonElement expected, AvroSchemaNode reader, string path)
    {
        if (actual is not IDictionary map || expected.ValueKind != JsonValueKind.Object)
        {
            return Differs(path, actual, expected);
        }
        var keys = expected.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        if (map.Count != keys.Count || map.Keys.Cast<object>().Any(k => !keys.Contains((string)k)))
        {
            return $"{Name(path)} has keys {string.Join(", ", map.Keys.Cast<string>().Order(StringComparer.Ordinal))}, expected {string.Join(", ", keys.Order(StringComparer.Ordinal))}";
        }
        foreach (var property in expected.EnumerateObject())
        {
            if (Mismatch(map[property.Name], property.Value, reader.Values!, $"{path}{{{property.Name}}}") is { } mismatch)
            {
                return mismatch;
            }
        }
        return null;
    }

    /// <summary>The union branch a decoded value belongs to, by its runtime shape.</summary>
    private static AvroSchemaNode? BranchOf(object? actual, AvroSchemaNode union) => actual switch
    {
        null => union.Branches.FirstOrDefault(b => b.Kind == AvroKind.Null),
        GenericRecord r => union.Branches.FirstOrDefault(b => b.Kind == AvroKind.Record && b.Name == r.Schema.Name),
        GenericEnum e => union.Branches.FirstOrDefault(b => b.Kind == AvroKind.Enum && b.Name == e.Schema.Name),
        GenericFixed x => union.Branches.FirstOrDefault(b => b.Kind == AvroKind.Fixed && b.Name == x.Schema.Name),
        bool => Kind(union, AvroKind.Boolean),
        int => Kind(union, AvroKind.Int),
        long => Kind(union, AvroKind.Long),
        float => Kind(union, AvroKind.Float),
        double => Kind(union, AvroKind.Double),
        string => Kind(union, AvroKind.String),
        byte[] => Kind(union, AvroKind.Bytes),
        IDictionary => Kind(union, AvroKind.Map),
        IEnumerable => Kind(union, AvroKind.Array),
        _ => null,
    };

    private static AvroSchemaNode? Kind(AvroSchemaNode union, AvroKind kind) => union.Branches.FirstOrDefault(b => b.Kind == kind);

    private static byte[] Latin1(string s) => s.Select(c => (byte)c).ToArray();

    private static string Name(string path) => path.Length == 0 ? "the value" : $"field '{path}'";

    private static string Differs(string path, object? actual, JsonElement expected) =>
        $"{Name(path)} is {Show(actual)}, expected {expected.GetRawText()}";

    private static string Show(object? value) => value switch
    {
        null => "null",
        string s => JsonSerializer.Serialize(s),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        GenericEnum e => JsonSerializer.Serialize(e.Value),
        _ => value.GetType().Name,
    };
}

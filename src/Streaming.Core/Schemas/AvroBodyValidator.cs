using Avro;

namespace Streaming.Core.Schemas;

/// <summary>
/// Walks an Avro body against its writer schema without building anything, with the same bounded
/// checks as the hand-rolled readers. Apache.Avro sizes arrays and strings from the lengths it
/// reads, so garbage could make it allocate gigabytes; a body is handed to it only after this
/// walk proved every length fits the payload and the body ends exactly where the payload does.
/// </summary>
internal static class AvroBodyValidator
{
    // Deeper nesting than any event schema has; bounds recursion through recursive schemas.
    private const int MaxDepth = 32;

    /// <summary>Null when the body is well formed, else the reason.</summary>
    public static string? Validate(Schema writer, ReadOnlySpan<byte> payload, int start)
    {
        var reader = new AvroSpanReader(payload, start);
        Walk(writer, ref reader, 0);
        if (!reader.Failed && reader.Remaining > 0)
        {
            return $"{reader.Remaining} trailing bytes after the Avro body at byte {reader.Position}";
        }
        return reader.Error;
    }

    private static void Walk(Schema schema, ref AvroSpanReader reader, int depth)
    {
        if (depth > MaxDepth)
        {
            reader.Fail($"nesting deeper than {MaxDepth} at byte {reader.Position}");
            return;
        }
        switch (schema.Tag)
        {
            case Schema.Type.Null:
                return;
            case Schema.Type.Boolean:
                reader.ReadBoolean();
                return;
            case Schema.Type.Int:
                reader.ReadInt();
                return;
            case Schema.Type.Long:
                reader.ReadLong();
                return;
            case Schema.Type.Float:
                reader.ReadFloat();
                return;
            case Schema.Type.Double:
                reader.ReadDouble();
                return;
            case Schema.Type.Bytes:
                reader.ReadBytes();
                return;
            case Schema.Type.String:
                reader.ReadUtf8();
                return;
            case Schema.Type.Fixed:
                reader.Skip(((FixedSchema)schema).Size);
                return;
            case Schema.Type.Enumeration:
                var symbol = reader.ReadInt();
                if (!reader.Failed && (symbol < 0 || symbol >= ((EnumSchema)schema).Count))
                {
                    reader.Fail($"enum index {symbol} is not a symbol of {((EnumSchema)schema).Name}");
                }
                return;
            case Schema.Type.Union:
                var union = (UnionSchema)schema;
                var branch = reader.ReadUnionIndex(union.Count);
                if (!reader.Failed)
                {
                    Walk(union.Schemas[branch], ref reader, depth + 1);
                }
                return;
            case Schema.Type.Record:
            case Schema.Type.Error:
                foreach (var field in ((RecordSchema)schema).Fields)
                {
                    Walk(field.Schema, ref reader, depth + 1);
                    if (reader.Failed)
                    {
                        return;
                    }
                }
                return;
            case Schema.Type.Array:
                var items = ((ArraySchema)schema).ItemSchema;
                WalkBlocks(items, null, ref reader, depth);
                return;
            case Schema.Type.Map:
                WalkBlocks(((MapSchema)schema).ValueSchema, schema, ref reader, depth);
                return;
            case Schema.Type.Logical:
                Walk(((LogicalSchema)schema).BaseSchema, ref reader, depth + 1);
                return;
            default:
                reader.Fail($"schema type {schema.Tag} is not supported");
                return;
        }
    }

    // Arrays and maps: blocks of items (maps: a string key before each value) until a zero count.
    private static void WalkBlocks(Schema items, Schema? map, ref AvroSpanReader reader, int depth)
    {
        var minItemBytes = MinBytes(items, new HashSet<Schema>(ReferenceEqualityComparer.Instance)) + (map is null ? 0 : 1);
        for (var count = reader.ReadBlockCount(minItemBytes); count > 0; count = reader.ReadBlockCount(minItemBytes))
        {
            for (var i = 0; i < count && !reader.Failed; i++)
            {
                if (map is not null)
                {
                    reader.ReadUtf8();
                }
                Walk(items, ref reader, depth + 1);
            }
        }
    }

    /// <summary>The fewest bytes a value of <paramref name="schema"/> takes; a recursive reference counts 0, so it stays a lower bound.</summary>
    internal static int MinBytes(Schema schema, HashSet<Schema> visiting)
    {
        switch (schema.Tag)
        {
            case Schema.Type.Null:
                return 0;
            case Schema.Type.Float:
                return 4;
            case Schema.Type.Double:
                return 8;
            case Schema.Type.Fixed:
                return ((FixedSchema)schema).Size;
            case Schema.Type.Union:
                return 1 + ((UnionSchema)schema).Schemas.Min(s => MinBytes(s, visiting));
            case Schema.Type.Logical:
                return MinBytes(((LogicalSchema)schema).BaseSchema, visiting);
            case Schema.Type.Record or Schema.Type.Error:
                if (!visiting.Add(schema))
                {
                    return 0;
                }
                var sum = ((RecordSchema)schema).Fields.Sum(f => MinBytes(f.Schema, visiting));
                visiting.Remove(schema);
                return sum;
            default:
                // Varints, lengths and block counts: at least one byte.
                return 1;
        }
    }
}

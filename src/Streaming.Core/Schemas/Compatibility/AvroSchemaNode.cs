using System.Text.Json;

namespace Streaming.Core.Schemas.Compatibility;

/// <summary>
/// One node of a parsed Avro schema, our own model rather than Apache.Avro's, so that the checker
/// implements the specification's resolution rules and not one library's reading of them.
/// A named type used twice is the same node (recursive records point back at themselves).
/// </summary>
internal sealed class AvroSchemaNode
{
    private static readonly AvroSchemaNode[] s_primitives = System.Enum.GetValues<AvroKind>()
        .Select(k => new AvroSchemaNode(k))
        .ToArray();

    private List<AvroFieldNode>? _fields;

    private AvroSchemaNode(AvroKind kind) => Kind = kind;

    public AvroKind Kind { get; }

    /// <summary>Full name (namespace.name) of a record, enum or fixed; null for other kinds.</summary>
    public string? FullName { get; private init; }

    /// <summary>Unqualified name of a named type: what resolution compares.</summary>
    public string? Name => FullName is null ? null : FullName[(FullName.LastIndexOf('.') + 1)..];

    /// <summary>Aliases of a named type, as full names.</summary>
    public IReadOnlyList<string> Aliases { get; private init; } = [];

    public IReadOnlyList<AvroFieldNode> Fields => _fields ?? (IReadOnlyList<AvroFieldNode>)[];

    public IReadOnlyList<string> Symbols { get; private init; } = [];

    /// <summary>The enum's default symbol, used for writer symbols the reader lacks; null when none.</summary>
    public string? EnumDefault { get; private init; }

    public AvroSchemaNode? Items { get; private init; }

    public AvroSchemaNode? Values { get; private init; }

    public IReadOnlyList<AvroSchemaNode> Branches { get; private init; } = [];

    public int Size { get; private init; }

    public bool IsNamed => Kind is AvroKind.Record or AvroKind.Enum or AvroKind.Fixed;

    public static AvroSchemaNode Primitive(AvroKind kind) => s_primitives[(int)kind];

    public static AvroSchemaNode Record(string fullName, IReadOnlyList<string> aliases) =>
        new(AvroKind.Record) { FullName = fullName, Aliases = aliases, _fields = [] };

    public static AvroSchemaNode Enum(string fullName, IReadOnlyList<string> aliases, IReadOnlyList<string> symbols, string? enumDefault) =>
        new(AvroKind.Enum) { FullName = fullName, Aliases = aliases, Symbols = symbols, EnumDefault = enumDefault };

    public static AvroSchemaNode Fixed(string fullName, IReadOnlyList<string> aliases, int size) =>
        new(AvroKind.Fixed) { FullName = fullName, Aliases = aliases, Size = size };

    public static AvroSchemaNode Array(AvroSchemaNode items) => new(AvroKind.Array) { Items = items };

    public static AvroSchemaNode Map(AvroSchemaNode values) => new(AvroKind.Map) { Values = values };

    public static AvroSchemaNode Union(IReadOnlyList<AvroSchemaNode> branches) => new(AvroKind.Union) { Branches = branches };

    /// <summary>Fields are added after the record node exists, so that its own fields can refer to it.</summary>
    public void AddField(AvroFieldNode field) => _fields!.Add(field);

    public AvroFieldNode? Field(string name) => Fields.FirstOrDefault(f => f.Name == name);

    /// <summary>A short type name for messages: <c>int</c>, <c>record streaming.events.Candidate</c>, <c>union [null, string]</c>.</summary>
    public string Describe() => Kind switch
    {
        AvroKind.Record => "record " + FullName,
        AvroKind.Enum => "enum " + FullName,
        AvroKind.Fixed => $"fixed {FullName} ({Size} bytes)",
        AvroKind.Array => $"array<{Items!.Short()}>",
        AvroKind.Map => $"map<{Values!.Short()}>",
        AvroKind.Union => "union [" + string.Join(", ", Branches.Select(b => b.Short())) + "]",
        _ => Short(),
    };

    /// <summary>The name alone for named types (so nested descriptions stay readable).</summary>
    private string Short() => IsNamed ? FullName! : Kind switch
    {
        AvroKind.Array or AvroKind.Map or AvroKind.Union => Describe(),
        _ => Kind.ToString().ToLowerInvariant(),
    };

    /// <summary>Whether <paramref name="value"/> is a valid default of this type (Avro 1.12 spec, "field default values").</summary>
    public bool AcceptsDefault(JsonElement value)
    {
        // Recursion follows the JSON value, which is finite, so recursive schemas need no other bound.
        switch (Kind)
        {
            case AvroKind.Null:
                return value.ValueKind == JsonValueKind.Null;
            case AvroKind.Boolean:
                return value.ValueKind is JsonValueKind.True or JsonValueKind.False;
            case AvroKind.Int:
                return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out _);
            case AvroKind.Long:
                return value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _);
            case AvroKind.Float or AvroKind.Double:
                return value.ValueKind == JsonValueKind.Number;
            case AvroKind.String:
                return value.ValueKind == JsonValueKind.String;
            case AvroKind.Bytes:
                return value.ValueKind == JsonValueKind.String && value.GetString()!.All(c => c <= '\u00FF');
            case AvroKind.Fixed:
                return value.ValueKind == JsonValueKind.String && value.GetString() is { } s && s.Length == Size && s.All(c => c <= '\u00FF');
            case AvroKind.Enum:
                return value.ValueKind == JsonValueKind.String && Symbols.Contains(value.GetString()!);
            case AvroKind.Array:
                return value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(v => Items!.AcceptsDefault(v));
            case AvroKind.Map:
                return value.ValueKind == JsonValueKind.Object && value.EnumerateObject().All(p => Values!.AcceptsDefault(p.Value));
            case AvroKind.Union:
                // Avro 1.12: "Default values for union fields correspond to the first schema that matches in the union."
                return Branches.Any(b => b.AcceptsDefault(value));
            case AvroKind.Record:
                if (value.ValueKind != JsonValueKind.Object)
                {
                    return false;
                }
                foreach (var field in Fields)
                {
                    if (value.TryGetProperty(field.Name, out var fieldValue) ? !field.Type.AcceptsDefault(fieldValue) : !field.HasDefault)
                    {
                        return false;
                    }
                }
                return true;
            default:
                return false;
        }
    }
}

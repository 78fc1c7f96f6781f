using System.Text.Json;

namespace Streaming.Core.Schemas.Compatibility;

/// <summary>
/// Parses Avro schema JSON (Avro 1.12 specification, "Schema Declaration") into
/// <see cref="AvroSchemaNode"/>s: names and namespaces, aliases, named-type references, and
/// checked defaults. Malformed schemas throw <see cref="InvalidDataException"/> with the reason.
/// </summary>
internal sealed class AvroSchemaParser
{
    private static readonly Dictionary<string, AvroKind> s_primitives = new(StringComparer.Ordinal)
    {
        ["null"] = AvroKind.Null,
        ["boolean"] = AvroKind.Boolean,
        ["int"] = AvroKind.Int,
        ["long"] = AvroKind.Long,
        ["float"] = AvroKind.Float,
        ["double"] = AvroKind.Double,
        ["bytes"] = AvroKind.Bytes,
        ["string"] = AvroKind.String,
    };

    private readonly Dictionary<string, AvroSchemaNode> _named = new(StringComparer.Ordinal);
    private readonly List<(AvroSchemaNode Record, AvroFieldNode Field)> _defaults = [];

    private AvroSchemaParser()
    {
    }

    /// <summary>The schema's root node.</summary>
    /// <exception cref="InvalidDataException">The text is not JSON or not a valid Avro schema.</exception>
    public static AvroSchemaNode Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"not JSON: {e.Message}", e);
        }
        using (document)
        {
            var parser = new AvroSchemaParser();
            var root = parser.ParseType(document.RootElement, enclosingNamespace: null);
            // Defaults are checked once every type is complete: a default may be a record whose
            // type is still being parsed where the field appears (a recursive reference).
            foreach (var (record, field) in parser._defaults)
            {
                if (!field.Type.AcceptsDefault(field.Default!.Value))
                {
                    throw new InvalidDataException($"field '{field.Name}' of {record.FullName}: default {field.Default.Value.GetRawText()} is not a valid {field.Type.Describe()}");
                }
            }
            return root;
        }
    }

    private AvroSchemaNode ParseType(JsonElement element, string? enclosingNamespace)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return Reference(element.GetString()!, enclosingNamespace);
            case JsonValueKind.Array:
                return ParseUnion(element, enclosingNamespace);
            case JsonValueKind.Object:
                return ParseObject(element, enclosingNamespace);
            default:
                throw new InvalidDataException($"a schema must be a string, an array or an object, not {element.ValueKind}: {element.GetRawText()}");
        }
    }

    private AvroSchemaNode Reference(string name, string? enclosingNamespace)
    {
        if (s_primitives.TryGetValue(name, out var kind))
        {
            return AvroSchemaNode.Primitive(kind);
        }
        // An unqualified name is looked up in the enclosing namespace, then in the null namespace.
        if (!name.Contains('.', StringComparison.Ordinal) && enclosingNamespace is not null
            && _named.TryGetValue(enclosingNamespace + "." + name, out var inNamespace))
        {
            return inNamespace;
        }
        return _named.TryGetValue(name, out var named)
            ? named
            : throw new InvalidDataException($"'{name}' is neither a primitive type nor a named type defined before this use");
    }

    private AvroSchemaNode ParseUnion(JsonElement element, string? enclosingNamespace)
    {
        var branches = new List<AvroSchemaNode>();
        foreach (var item in element.EnumerateArray())
        {
            var branch = ParseType(item, enclosingNamespace);
            if (branch.Kind == AvroKind.Union)
            {
                throw new InvalidDataException("a union may not immediately contain another union");
            }
            if (branches.Any(b => b.IsNamed ? b.FullName == branch.FullName : b.Kind == branch.Kind))
            {
                throw new InvalidDataException($"a union may not contain {branch.Describe()} twice");
            }
            branches.Add(branch);
        }
        return AvroSchemaNode.Union(branches);
    }

    private AvroSchemaNode ParseObject(JsonElement element, string? enclosingNamespace)
    {
        if (!element.TryGetProperty("type", out var type))
        {
            throw new InvalidDataException($"a schema object needs a \"type\": {element.GetRawText()}");
        }
        if (type.ValueKind != JsonValueKind.String)
        {
            // {"type": {...}} or {"type": [...]}: the attribute holds the schema itself.
            return ParseType(type, enclosingNamespace);
        }
        // Logical types ("logicalType") resolve as their underlying type, as in Java's checker.
        switch (type.GetString())
        {
            case "record" or "error":
                return ParseRecord(element, enclosingNamespace);
            case "enum":
                return ParseEnum(element, enclosingNamespace);
            case "fixed":
                return ParseFixed(element, enclosingNamespace);
            case "array":
                return AvroSchemaNode.Array(ParseType(Required(element, "items", "array"), enclosingNamespace));
            case "map":
                return AvroSchemaNode.Map(ParseType(Required(element, "values", "map"), enclosingNamespace));
            default:
                return Reference(type.GetString()!, enclosingNamespace);
        }
    }

    private AvroSchemaNode ParseRecord(JsonElement element, string? enclosingNamespace)
    {
        var (fullName, space) = NameOf(element, enclosingNamespace, "record");
        var record = Define(AvroSchemaNode.Record(fullName, AliasesOf(element, space)));
        var fields = Required(element, "fields", "record");
        if (fields.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException($"record {fullName}: \"fields\" must be an array");
        }
        foreach (var f in fields.EnumerateArray())
        {
            if (f.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidDataException($"record {fullName}: a field must be an object, not {f.GetRawText()}");
            }
            var name = CheckName(StringAttribute(f, "name") ?? throw new InvalidDataException($"record {fullName}: a field has no \"name\""), $"field of {fullName}");
            if (record.Field(name) is not null)
            {
                throw new InvalidDataException($"record {fullName}: field '{name}' is declared twice");
            }
            var fieldType = ParseType(Required(f, "type", $"field '{name}' of {fullName}"), space);
            var aliases = f.TryGetProperty("aliases", out var a) ? StringArray(a, $"aliases of field '{name}'").ToArray() : [];
            JsonElement? fieldDefault = f.TryGetProperty("default", out var d) ? d.Clone() : null;
            var field = new AvroFieldNode(name, aliases, fieldType, fieldDefault);
            record.AddField(field);
            if (field.HasDefault)
            {
                _defaults.Add((record, field));
            }
        }
        return record;
    }

    private AvroSchemaNode ParseEnum(JsonElement element, string? enclosingNamespace)
    {
        var (fullName, space) = NameOf(element, enclosingNamespace, "enum");
        var symbols = StringArray(Required(element, "symbols", "enum"), $"symbols of {fullName}").ToArray();
        foreach (var symbol in symbols)
        {
            CheckName(symbol, $"symbol of {fullName}");
        }
        if (symbols.Distinct(StringComparer.Ordinal).Count() != symbols.Length)
        {
            throw new InvalidDataException($"enum {fullName}: a symbol is declared twice");
        }
        var enumDefault = StringAttribute(element, "default");
        if (enumDefault is not null && !symbols.Contains(enumDefault))
        {
            throw new InvalidDataException($"enum {fullName}: default '{enumDefault}' is not one of its symbols");
        }
        return Define(AvroSchemaNode.Enum(fullName, AliasesOf(element, space), symbols, enumDefault));
    }

    private AvroSchemaNode ParseFixed(JsonElement element, string? enclosingNamespace)
    {
        var (fullName, space) = NameOf(element, enclosingNamespace, "fixed");
        var size = Required(element, "size", "fixed");
        if (size.ValueKind != JsonValueKind.Number || !size.TryGetInt32(out var bytes) || bytes < 0)
        {
            throw new InvalidDataException($"fixed {fullName}: \"size\" must be a non-negative integer");
        }
        return Define(AvroSchemaNode.Fixed(fullName, AliasesOf(element, space), bytes));
    }

    private AvroSchemaNode Define(AvroSchemaNode node)
    {
        if (!_named.TryAdd(node.FullName!, node))
        {
            throw new InvalidDataException($"the name {node.FullName} is defined twice");
        }
        return node;
    }

    /// <summary>The full name and the namespace its members inherit (spec: a dotted name carries its own namespace).</summary>
    private static (string FullName, string? Namespace) NameOf(JsonElement element, string? enclosingNamespace, string what)
    {
        var name = StringAttribute(element, "name") ?? throw new InvalidDataException($"a {what} needs a \"name\"");
        string? space;
        if (name.Contains('.', StringComparison.Ordinal))
        {
            space = name[..name.LastIndexOf('.')];
        }
        else
        {
            space = element.TryGetProperty("namespace", out var ns) && ns.ValueKind == JsonValueKind.String ? ns.GetString() : enclosingNamespace;
            if (string.IsNullOrEmpty(space))
            {
                space = null;
            }
            name = space is null ? name : space + "." + name;
        }
        foreach (var part in name.Split('.'))
        {
            CheckName(part, what + " name " + name);
        }
        if (s_primitives.ContainsKey(name))
        {
            throw new InvalidDataException($"a {what} may not be named after the primitive type '{name}'");
        }
        return (name, space);
    }

    private static string[] AliasesOf(JsonElement element, string? space) =>
        element.TryGetProperty("aliases", out var aliases)
            ? StringArray(aliases, "aliases").Select(a => a.Contains('.', StringComparison.Ordinal) || space is null ? a : space + "." + a).ToArray()
            : [];

    private static JsonElement Required(JsonElement element, string attribute, string what) =>
        element.TryGetProperty(attribute, out var value) ? value : throw new InvalidDataException($"{what} needs \"{attribute}\"");

    private static string? StringAttribute(JsonElement element, string attribute) =>
        element.TryGetProperty(attribute, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static IEnumerable<string> StringArray(JsonElement element, string what)
    {
        if (element.ValueKind != JsonValueKind.Array || element.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
        {
            throw new InvalidDataException($"{what} must be an array of strings");
        }
        return element.EnumerateArray().Select(e => e.GetString()!);
    }

    private static string CheckName(string name, string what)
    {
        var valid = name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
        return valid ? name : throw new InvalidDataException($"'{name}' is not a valid Avro name ({what}): [A-Za-z_][A-Za-z0-9_]*");
    }
}

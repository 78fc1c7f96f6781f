using Avro;

namespace Streaming.Core.Schemas;

/// <summary>
/// The schema histories of all event types. <see cref="Embedded"/> loads the <c>.avsc</c> files
/// embedded from <c>schemas/events/&lt;Type&gt;/v&lt;N&gt;.avsc</c>; tests build other histories.
/// </summary>
internal sealed class EventSchemaSet
{
    private const string ResourcePrefix = "schemas/events/";

    private static readonly Lazy<EventSchemaSet> s_embedded = new(LoadEmbedded);

    private readonly SchemaHistory?[] _histories = new SchemaHistory?[byte.MaxValue + 1];

    /// <summary>Builds the histories from schema texts, checking each current schema is the one the hand-rolled codecs mirror.</summary>
    public EventSchemaSet(IEnumerable<(EventType Type, byte Version, string Json)> schemas)
    {
        foreach (var group in schemas.GroupBy(s => s.Type))
        {
            var versions = new Dictionary<byte, RecordSchema>();
            foreach (var (_, version, json) in group)
            {
                var parsed = Schema.Parse(json) as RecordSchema
                    ?? throw new InvalidDataException($"{group.Key} v{version}: an event schema must be a record.");
                versions.Add(version, parsed);
            }
            var history = new SchemaHistory(group.Key, versions);
            CheckMirrored(history);
            _histories[(byte)group.Key] = history;
        }
        foreach (var type in Enum.GetValues<EventType>())
        {
            if (_histories[(byte)type] is null)
            {
                throw new InvalidDataException($"No schema for {type}.");
            }
        }
    }

    /// <summary>The schemas this build carries.</summary>
    public static EventSchemaSet Embedded => s_embedded.Value;

    /// <summary>The history of the type named by a header byte; null for an unknown type.</summary>
    public SchemaHistory? For(byte type) => _histories[type];

    public SchemaHistory For(EventType type) => _histories[(byte)type]!;

    /// <summary>The text of an embedded resource, e.g. <c>schemas/events/Interaction/v1.avsc</c>.</summary>
    public static string ReadResource(string name)
    {
        using var stream = typeof(EventSchemaSet).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidDataException($"The embedded schema {name} is missing from {typeof(EventSchemaSet).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static EventSchemaSet LoadEmbedded()
    {
        var assembly = typeof(EventSchemaSet).Assembly;
        var schemas = new List<(EventType, byte, string)>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            schemas.Add(ParseResourceName(name) is var (type, version)
                ? (type, version, ReadResource(name))
                : throw new InvalidDataException($"Embedded schema {name} is not named schemas/events/<EventType>/v<1..255>.avsc."));
        }
        return new EventSchemaSet(schemas);
    }

    private static (EventType, byte)? ParseResourceName(string name)
    {
        var parts = name[ResourcePrefix.Length..].Split('/');
        if (parts.Length == 2
            && Enum.TryParse<EventType>(parts[0], ignoreCase: false, out var type)
            && Enum.IsDefined(type)
            && parts[1].StartsWith('v')
            && parts[1].EndsWith(".avsc", StringComparison.Ordinal)
            && byte.TryParse(parts[1].AsSpan(1, parts[1].Length - 6), out var version)
            && version > 0)
        {
            return (type, version);
        }
        return null;
    }

    private static void CheckMirrored(SchemaHistory history)
    {
        var mirrored = history.Type switch
        {
            EventType.Interaction => InteractionAvro.MirroredResource,
            EventType.ScoringRequest => ScoringRequestAvro.MirroredResource,
            EventType.ScoredRequest => ScoredRequestAvro.MirroredResource,
            EventType.TrainingSample => TrainingSampleAvro.MirroredResource,
            _ => throw new InvalidDataException($"No hand-rolled codec for {history.Type}."),
        };
        var expected = SchemaNormalization.ParsingFingerprint64(Schema.Parse(ReadResource(mirrored)));
        if (SchemaNormalization.ParsingFingerprint64(history.CurrentSchema) != expected)
        {
            throw new InvalidDataException(
                $"The current {history.Type} schema (v{history.Current}) is not {mirrored}, which the hand-rolled codec mirrors: " +
                $"update {history.Type}Avro (and its MirroredResource) with the new schema.");
        }
    }
}

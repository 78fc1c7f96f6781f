using Avro;
using Avro.Generic;

namespace Streaming.Core.Schemas;

/// <summary>
/// Every schema version of one event type that this build carries, and for each a resolving
/// reader from that writer schema to the current (highest) version.
/// </summary>
internal sealed class SchemaHistory
{
    private readonly Dictionary<byte, Entry> _versions;

    public SchemaHistory(EventType type, IReadOnlyDictionary<byte, RecordSchema> versions)
    {
        if (versions.Count == 0)
        {
            throw new ArgumentException($"{type} has no schema version.", nameof(versions));
        }
        Type = type;
        Current = versions.Keys.Max();
        CurrentSchema = versions[Current];
        _versions = [];
        foreach (var (version, writer) in versions)
        {
            if (version == 0)
            {
                throw new ArgumentException($"{type} schema version 0 is reserved; versions start at 1.", nameof(versions));
            }
            // Resolving eagerly makes an incompatible history (a field added without a default,
            // a type changed beyond promotion) fail when the codec is built, not at the first old event.
            _ = new GenericDatumReader<GenericRecord>(writer, CurrentSchema);
            var resolving = new ThreadLocal<GenericDatumReader<GenericRecord>>(() => new GenericDatumReader<GenericRecord>(writer, CurrentSchema));
            _versions.Add(version, new Entry(writer, resolving));
        }
        KnownVersions = string.Join(", ", _versions.Keys.Order());
    }

    public EventType Type { get; }

    /// <summary>The highest version: what <see cref="EventCodec"/> writes and resolves every other version to.</summary>
    public byte Current { get; }

    public RecordSchema CurrentSchema { get; }

    /// <summary>The versions carried, for reasons ("1, 2").</summary>
    public string KnownVersions { get; }

    public bool Knows(byte version) => _versions.ContainsKey(version);

    public RecordSchema WriterSchema(byte version) => _versions[version].Writer;

    /// <summary>A reader resolving <paramref name="version"/> to the current schema, private to the calling thread (Apache.Avro does not promise thread safety).</summary>
    public GenericDatumReader<GenericRecord> ResolvingReader(byte version) => _versions[version].Resolving.Value!;

    private sealed record Entry(RecordSchema Writer, ThreadLocal<GenericDatumReader<GenericRecord>> Resolving);
}

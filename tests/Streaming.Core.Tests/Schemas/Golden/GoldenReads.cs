using System.Text.Json;
using Avro;
using Avro.Generic;
using Avro.IO;

namespace Streaming.Core.Tests.Schemas.Golden;

/// <summary>Reads a committed golden payload with Apache.Avro's resolving reader and computes what that reader should see.</summary>
internal static class GoldenReads
{
    public static (string Expected, string Actual) Read(string subject, int writer, int reader)
    {
        var payload = SchemaFolder.Bytes($"samples/{subject}/v{writer}.bin");
        var writerSchema = Schema.Parse(SchemaFolder.Text($"events/{subject}/v{writer}.avsc"));
        var readerText = SchemaFolder.Text($"events/{subject}/v{reader}.avsc");
        using var stream = new MemoryStream(payload[3..]);
        var decoded = new GenericDatumReader<object>(writerSchema, Schema.Parse(readerText)).Read(null!, new BinaryDecoder(stream));
        if (stream.Position != stream.Length)
        {
            throw new InvalidDataException($"{stream.Length - stream.Position} bytes left after reading v{writer} with v{reader}");
        }
        using var values = JsonDocument.Parse(SchemaFolder.Text($"samples/{subject}/v{writer}.json"));
        using var schema = JsonDocument.Parse(readerText);
        return (GoldenExpectation.Project(values.RootElement, schema.RootElement), GoldenExpectation.Canonical(decoded));
    }

    /// <summary>The subject's compatibility mode name from schemas/compatibility.json.</summary>
    public static string Mode(string subject)
    {
        using var settings = JsonDocument.Parse(SchemaFolder.Text("compatibility.json"));
        return settings.RootElement.GetProperty("subjects").GetProperty(subject).GetProperty("compatibility").GetString()!;
    }
}

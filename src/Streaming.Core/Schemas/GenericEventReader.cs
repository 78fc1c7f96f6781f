using System.Collections;
using Avro;
using Avro.Generic;
using Avro.IO;
using Streaming.Core.Events;

namespace Streaming.Core.Schemas;

/// <summary>
/// The slow, general path: Apache.Avro's resolving reader turns a body written with any known
/// version into a record of the current schema, which is then mapped to the C# event. Used for
/// every version but the current one (and by tests, for the current one too, as the reference
/// the hand-rolled path must equal).
/// </summary>
internal static class GenericEventReader
{
    /// <summary>The event, or null with <paramref name="error"/> set when the body is malformed.</summary>
    public static object? Read(SchemaHistory history, byte version, ReadOnlySpan<byte> payload, out string? error)
    {
        error = AvroBodyValidator.Validate(history.WriterSchema(version), payload, EventFrame.HeaderLength);
        if (error is not null)
        {
            return null;
        }
        try
        {
            var body = payload[EventFrame.HeaderLength..].ToArray();
            using var stream = new MemoryStream(body, writable: false);
            var record = history.ResolvingReader(version).Read(null!, new BinaryDecoder(stream));
            if (stream.Position != body.Length)
            {
                // The validator proved the writer schema spans the body exactly; a mismatch is a bug here.
                throw new InvalidOperationException($"Apache.Avro read {stream.Position} of {body.Length} body bytes that validated.");
            }
            return history.Type switch
            {
                EventType.Interaction => ToInteraction(record),
                EventType.ScoringRequest => ToScoringRequest(record),
                EventType.ScoredRequest => ToScoredRequest(record),
                EventType.TrainingSample => ToTrainingSample(record),
                _ => throw new InvalidOperationException($"No mapping for {history.Type}."),
            };
        }
        catch (AvroException e)
        {
            // Resolution failures the validator cannot see (for example an enum symbol the reader lacks).
            error = $"Avro could not resolve the body: {e.Message}";
            return null;
        }
    }

    private static Interaction ToInteraction(GenericRecord r) => new()
    {
        EventId = (string)r["event_id"],
        UserId = (long)r["user_id"],
        ItemId = (long)r["item_id"],
        AuthorId = (long)r["author_id"],
        Category = (int)r["category"],
        DurationMs = (int)r["duration_ms"],
        TsMs = (long)r["ts_ms"],
        PlayTimeMs = (int)r["play_time_ms"],
        Click = (bool)r["click"],
        LongView = (bool)r["long_view"],
        Like = (bool)r["like"],
        Follow = (bool)r["follow"],
        Comment = (bool)r["comment"],
        Forward = (bool)r["forward"],
        Hate = (bool)r["hate"],
        RequestId = (string?)r["request_id"],
        Tab = (int?)r["tab"],
        Surface = (string?)r["surface"],
    };

    private static ScoringRequest ToScoringRequest(GenericRecord r) => new()
    {
        RequestId = (string)r["request_id"],
        UserId = (long)r["user_id"],
        TsMs = (long)r["ts_ms"],
        Candidates = Items(r["candidates"], o =>
        {
            var c = (GenericRecord)o!;
            return new Candidate((long)c["item_id"], (long)c["author_id"], (int)c["category"], (int)c["duration_ms"]);
        }),
        Treatment = (int?)r["treatment"],
        Surface = (string?)r["surface"],
    };

    private static ScoredRequest ToScoredRequest(GenericRecord r) => new()
    {
        RequestId = (string)r["request_id"],
        UserId = (long)r["user_id"],
        TsMs = (long)r["ts_ms"],
        Scores = Items(r["scores"], o =>
        {
            var s = (GenericRecord)o!;
            return new CandidateScore { ItemId = (long)s["item_id"], PEngage = (float)s["p_engage"], Fatigue = (float)s["fatigue"] };
        }),
        Uplift = Items(r["uplift"], o => (float)o!),
        ChosenTreatment = (int)r["chosen_treatment"],
        ModelVersions = Items(r["model_versions"], o => (string)o!),
        SourcePartition = (int)r["source_partition"],
        SourceOffset = (long)r["source_offset"],
    };

    private static TrainingSample ToTrainingSample(GenericRecord r) => new()
    {
        RequestId = (string)r["request_id"],
        UserId = (long)r["user_id"],
        TsMs = (long)r["ts_ms"],
        ItemId = (long)r["item_id"],
        ModelVersions = Items(r["model_versions"], o => (string)o!),
        FeatureLayout = (string)r["feature_layout"],
        Features = Items(r["features"], o => (float)o!).ToArray(),
        Treatment = (int?)r["treatment"],
        LabelEngaged = (bool?)r["label_engaged"],
        LabelPlayTimeMs = (int?)r["label_play_time_ms"],
        LabelLongPlayRatio = (float?)r["label_long_play_ratio"],
        LabelTsMs = (long?)r["label_ts_ms"],
    };

    private static List<T> Items<T>(object array, Func<object?, T> map)
    {
        var items = new List<T>();
        foreach (var item in (IEnumerable)array)
        {
            items.Add(map(item));
        }
        return items;
    }
}

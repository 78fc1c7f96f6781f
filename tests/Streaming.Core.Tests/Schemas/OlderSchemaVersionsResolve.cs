using Avro;
using Avro.Generic;
using Streaming.Core.Schemas;

namespace Streaming.Core.Tests.Schemas;

/// <summary>
/// A payload written with an older schema version decodes through Avro schema resolution into
/// the current schema: missing fields take their defaults, promoted types widen, removed fields are skipped.
/// </summary>
public sealed class OlderSchemaVersionsResolve
{
    // An imagined first Interaction schema: user_id was an int, no author/category/request/tab yet,
    // and a field the current schema dropped.
    private const string OldInteraction = """
        {
          "type": "record", "name": "Interaction", "namespace": "streaming.events",
          "fields": [
            { "name": "event_id", "type": "string" },
            { "name": "user_id", "type": "int" },
            { "name": "item_id", "type": "long" },
            { "name": "legacy_score", "type": "double" },
            { "name": "duration_ms", "type": "int" },
            { "name": "ts_ms", "type": "long" },
            { "name": "play_time_ms", "type": "int" },
            { "name": "click", "type": "boolean" },
            { "name": "long_view", "type": "boolean" },
            { "name": "like", "type": "boolean" },
            { "name": "follow", "type": "boolean" },
            { "name": "comment", "type": "boolean" },
            { "name": "forward", "type": "boolean" },
            { "name": "hate", "type": "boolean" }
          ]
        }
        """;

    [Fact]
    public void An_older_writer_schema_resolves_to_the_current_one_with_defaults()
    {
        var codec = new EventCodec(EventCodecOptions.Default, SchemasWithOldInteraction());
        Assert.Equal(2, codec.CurrentVersion(EventType.Interaction));

        var result = codec.Decode(OldPayload(userId: 77, durationMs: 30_000), EventGen.ReferenceMs);

        Assert.True(result.IsOk, result.ToString());
        Assert.Equal(1, result.SchemaVersion);
        var e = result.Interaction!;
        Assert.Equal("old-1", e.EventId);
        Assert.Equal(77, e.UserId);
        Assert.Equal(5, e.ItemId);
        Assert.Equal(-1, e.AuthorId); // schema default
        Assert.Equal(-1, e.Category); // schema default
        Assert.Equal(30_000, e.DurationMs);
        Assert.Equal(EventGen.ReferenceMs, e.TsMs);
        Assert.Equal(12_000, e.PlayTimeMs);
        Assert.True(e.Click);
        Assert.False(e.LongView);
        Assert.True(e.Hate);
        Assert.Null(e.RequestId);
        Assert.Null(e.Tab);
        Assert.Null(e.Surface);
    }

    [Fact]
    public void Range_rules_apply_to_resolved_events()
    {
        var codec = new EventCodec(EventCodecOptions.Default, SchemasWithOldInteraction());
        var result = codec.Decode(OldPayload(userId: 77, durationMs: -5), EventGen.ReferenceMs);
        Assert.Equal(DecodeStatus.OutOfRange, result.Status);
        Assert.Equal("duration_ms -5 is negative", result.Reason);
    }

    [Fact]
    public void A_truncated_older_payload_is_malformed_not_thrown()
    {
        var codec = new EventCodec(EventCodecOptions.Default, SchemasWithOldInteraction());
        var payload = OldPayload(userId: 77, durationMs: 30_000);
        for (var length = 0; length < payload.Length; length++)
        {
            Assert.Equal(DecodeStatus.Malformed, codec.Decode(payload.AsSpan(0, length), EventGen.ReferenceMs).Status);
        }
    }

    [Fact]
    public void The_current_version_is_what_the_codec_writes()
    {
        var codec = new EventCodec(EventCodecOptions.Default, SchemasWithOldInteraction());
        var payload = codec.Encode(Samples.Interaction);
        Assert.Equal(2, payload[2]);
        EventAssert.Same(Samples.Interaction, codec.Decode(payload, EventGen.ReferenceMs).Interaction);
    }

    [Fact]
    public void A_history_that_cannot_resolve_fails_when_the_codec_is_built()
    {
        // The "current" v2 adds a field without a default: v1 payloads could never be read.
        var current = EventSchemaSet.ReadResource("schemas/events/Interaction/v2.avsc")
            .Replace("\"name\": \"event_id\", \"type\": \"string\"", "\"name\": \"event_id\", \"type\": \"string\" }, { \"name\": \"added\", \"type\": \"long\"", StringComparison.Ordinal);
        Assert.Throws<AvroException>(() => new EventSchemaSet(Others().Append((EventType.Interaction, (byte)1, OldInteraction)).Append((EventType.Interaction, (byte)2, current))));
    }

    [Fact]
    public void A_current_schema_the_hand_rolled_codec_does_not_mirror_is_refused()
    {
        var error = Assert.Throws<InvalidDataException>(() => new EventSchemaSet(Others().Append((EventType.Interaction, (byte)1, OldInteraction))));
        Assert.Contains("update InteractionAvro", error.Message);
    }

    private static EventSchemaSet SchemasWithOldInteraction() => new(Others()
        .Append((EventType.Interaction, (byte)1, OldInteraction))
        .Append((EventType.Interaction, (byte)2, EventSchemaSet.ReadResource("schemas/events/Interaction/v2.avsc"))));

    private static IEnumerable<(EventType, byte, string)> Others() =>
    [
        (EventType.ScoringRequest, 2, EventSchemaSet.ReadResource("schemas/events/ScoringRequest/v2.avsc")),
        (EventType.ScoredRequest, 1, EventSchemaSet.ReadResource("schemas/events/ScoredRequest/v1.avsc")),
        (EventType.TrainingSample, 1, EventSchemaSet.ReadResource("schemas/events/TrainingSample/v1.avsc")),
    ];

    private static byte[] OldPayload(int userId, int durationMs)
    {
        var schema = (RecordSchema)Schema.Parse(OldInteraction);
        var r = new GenericRecord(schema);
        r.Add("event_id", "old-1");
        r.Add("user_id", userId);
        r.Add("item_id", 5L);
        r.Add("legacy_score", 0.75);
        r.Add("duration_ms", durationMs);
        r.Add("ts_ms", EventGen.ReferenceMs);
        r.Add("play_time_ms", 12_000);
        r.Add("click", true);
        r.Add("long_view", false);
        r.Add("like", false);
        r.Add("follow", false);
        r.Add("comment", false);
        r.Add("forward", false);
        r.Add("hate", true);
        return ReferenceAvro.Frame(EventType.Interaction, (byte)1, schema, r);
    }
}

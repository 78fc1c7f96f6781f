using Avro;
using Avro.Generic;
using Avro.IO;
using Streaming.Core.Events;
using Streaming.Core.Schemas;

namespace Streaming.Core.Tests.Schemas;

/// <summary>
/// An independent encoder: events as Apache.Avro <see cref="GenericRecord"/>s written by its own
/// <see cref="GenericDatumWriter{T}"/>, framed by hand. The codec's bytes must equal these.
/// </summary>
internal static class ReferenceAvro
{
    public static byte Version(EventType type) => type is EventType.ScoredRequest or EventType.TrainingSample ? (byte)1 : (byte)2;

    public static RecordSchema Schema(EventType type) =>
        (RecordSchema)Avro.Schema.Parse(EventSchemaSet.ReadResource($"schemas/events/{type}/v{Version(type)}.avsc"));

    public static byte[] Frame(EventType type, byte version, RecordSchema schema, GenericRecord record)
    {
        using var stream = new MemoryStream();
        stream.WriteByte(0x53);
        stream.WriteByte((byte)type);
        stream.WriteByte(version);
        new GenericDatumWriter<GenericRecord>(schema).Write(record, new BinaryEncoder(stream));
        return stream.ToArray();
    }

    public static byte[] Encode(Interaction e)
    {
        var schema = Schema(EventType.Interaction);
        var r = new GenericRecord(schema);
        r.Add("event_id", e.EventId);
        r.Add("user_id", e.UserId);
        r.Add("item_id", e.ItemId);
        r.Add("author_id", e.AuthorId);
        r.Add("category", e.Category);
        r.Add("duration_ms", e.DurationMs);
        r.Add("ts_ms", e.TsMs);
        r.Add("play_time_ms", e.PlayTimeMs);
        r.Add("click", e.Click);
        r.Add("long_view", e.LongView);
        r.Add("like", e.Like);
        r.Add("follow", e.Follow);
        r.Add("comment", e.Comment);
        r.Add("forward", e.Forward);
        r.Add("hate", e.Hate);
        r.Add("request_id", e.RequestId);
        r.Add("tab", e.Tab);
        r.Add("surface", e.Surface);
        return Frame(EventType.Interaction, Version(EventType.Interaction), schema, r);
    }

    public static byte[] Encode(ScoringRequest e)
    {
        var schema = Schema(EventType.ScoringRequest);
        var candidateSchema = (RecordSchema)((ArraySchema)schema["candidates"].Schema).ItemSchema;
        var r = new GenericRecord(schema);
        r.Add("request_id", e.RequestId);
        r.Add("user_id", e.UserId);
        r.Add("ts_ms", e.TsMs);
        r.Add("candidates", e.Candidates.Select(c =>
        {
            var cr = new GenericRecord(candidateSchema);
            cr.Add("item_id", c.ItemId);
            cr.Add("author_id", c.AuthorId);
            cr.Add("category", c.Category);
            cr.Add("duration_ms", c.DurationMs);
            return (object)cr;
        }).ToArray());
        r.Add("treatment", e.Treatment);
        r.Add("surface", e.Surface);
        return Frame(EventType.ScoringRequest, Version(EventType.ScoringRequest), schema, r);
    }

    public static byte[] Encode(ScoredRequest e)
    {
        var schema = Schema(EventType.ScoredRequest);
        var scoreSchema = (RecordSchema)((ArraySchema)schema["scores"].Schema).ItemSchema;
        var r = new GenericRecord(schema);
        r.Add("request_id", e.RequestId);
        r.Add("user_id", e.UserId);
        r.Add("ts_ms", e.TsMs);
        r.Add("scores", e.Scores.Select(s =>
        {
            var sr = new GenericRecord(scoreSchema);
            sr.Add("item_id", s.ItemId);
            sr.Add("p_engage", s.PEngage);
            sr.Add("fatigue", s.Fatigue);
            return (object)sr;
        }).ToArray());
        r.Add("uplift", e.Uplift.Select(u => (object)u).ToArray());
        r.Add("chosen_treatment", e.ChosenTreatment);
        r.Add("model_versions", e.ModelVersions.Select(v => (object)v).ToArray());
        r.Add("source_partition", e.SourcePartition);
        r.Add("source_offset", e.SourceOffset);
        return Frame(EventType.ScoredRequest, Version(EventType.ScoredRequest), schema, r);
    }

    public static byte[] Encode(TrainingSample e)
    {
        var schema = Schema(EventType.TrainingSample);
        var r = new GenericRecord(schema);
        r.Add("request_id", e.RequestId);
        r.Add("user_id", e.UserId);
        r.Add("ts_ms", e.TsMs);
        r.Add("item_id", e.ItemId);
        r.Add("model_versions", e.ModelVersions.Select(v => (object)v).ToArray());
        r.Add("feature_layout", e.FeatureLayout);
        r.Add("features", e.Features.ToArray().Select(f => (object)f).ToArray());
        r.Add("treatment", e.Treatment);
        r.Add("label_engaged", e.LabelEngaged);
        r.Add("label_play_time_ms", e.LabelPlayTimeMs);
        r.Add("label_long_play_ratio", e.LabelLongPlayRatio);
        r.Add("label_ts_ms", e.LabelTsMs);
        return Frame(EventType.TrainingSample, Version(EventType.TrainingSample), schema, r);
    }
}

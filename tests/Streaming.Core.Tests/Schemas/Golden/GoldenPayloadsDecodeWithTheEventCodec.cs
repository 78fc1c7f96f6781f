using System.Text.Json;
using Streaming.Core.Events;
using Streaming.Core.Schemas;

namespace Streaming.Core.Tests.Schemas.Golden;

/// <summary>
/// The codec this build ships decodes every committed version of every event type into the event
/// its .json values describe (older versions through Apache.Avro resolution, the current one through
/// the hand-rolled reader), and re-encodes the current version to the golden bytes exactly.
/// </summary>
public sealed class GoldenPayloadsDecodeWithTheEventCodec
{
    private static readonly EventCodec s_codec = new();

    public static TheoryData<string, int> Payloads => new()
    {
        { "Interaction", 1 },
        { "Interaction", 2 },
        { "ScoringRequest", 1 },
        { "ScoringRequest", 2 },
        { "ScoredRequest", 1 },
        { "TrainingSample", 1 },
    };

    [Theory]
    [MemberData(nameof(Payloads))]
    public void Golden_payload_decodes_to_the_event_of_its_values(string subject, int version)
    {
        var result = s_codec.Decode(SchemaFolder.Bytes($"samples/{subject}/v{version}.bin"), referenceTimeMs: -1);
        Assert.True(result.IsOk, result.ToString());
        Assert.Equal(version, result.SchemaVersion);
        EventAssert.Same(Expected(subject, version), result.Event);
    }

    [Theory]
    [MemberData(nameof(Payloads))]
    public void The_current_version_re_encodes_to_the_golden_bytes(string subject, int version)
    {
        var type = Enum.Parse<EventType>(subject);
        if (version != s_codec.CurrentVersion(type))
        {
            return; // the codec writes only the current version
        }
        var golden = SchemaFolder.Bytes($"samples/{subject}/v{version}.bin");
        var reencoded = s_codec.Decode(golden, referenceTimeMs: -1).Event switch
        {
            Interaction i => s_codec.Encode(i),
            ScoringRequest r => s_codec.Encode(r),
            TrainingSample t => s_codec.Encode(t),
            var s => s_codec.Encode((ScoredRequest)s!),
        };
        Assert.Equal(golden, reencoded);
    }

    /// <summary>The event the values describe; fields an older version lacks keep the C# defaults (the schema defaults).</summary>
    private static object Expected(string subject, int version)
    {
        using var document = JsonDocument.Parse(SchemaFolder.Text($"samples/{subject}/v{version}.json"));
        var v = document.RootElement;
        string? OptionalString(string name) => v.TryGetProperty(name, out var p) && p.ValueKind != JsonValueKind.Null ? p.GetString() : null;
        int? OptionalInt(string name) => v.TryGetProperty(name, out var p) && p.ValueKind != JsonValueKind.Null ? p.GetInt32() : null;
        long? OptionalLong(string name) => v.TryGetProperty(name, out var p) && p.ValueKind != JsonValueKind.Null ? p.GetInt64() : null;
        bool? OptionalBool(string name) => v.TryGetProperty(name, out var p) && p.ValueKind != JsonValueKind.Null ? p.GetBoolean() : null;
        float? OptionalFloat(string name) => v.TryGetProperty(name, out var p) && p.ValueKind != JsonValueKind.Null ? (float)p.GetDouble() : null;
        return subject switch
        {
            "Interaction" => new Interaction
            {
                EventId = v.GetProperty("event_id").GetString()!,
                UserId = v.GetProperty("user_id").GetInt64(),
                ItemId = v.GetProperty("item_id").GetInt64(),
                AuthorId = v.GetProperty("author_id").GetInt64(),
                Category = v.GetProperty("category").GetInt32(),
                DurationMs = v.GetProperty("duration_ms").GetInt32(),
                TsMs = v.GetProperty("ts_ms").GetInt64(),
                PlayTimeMs = v.GetProperty("play_time_ms").GetInt32(),
                Click = v.GetProperty("click").GetBoolean(),
                LongView = v.GetProperty("long_view").GetBoolean(),
                Like = v.GetProperty("like").GetBoolean(),
                Follow = v.GetProperty("follow").GetBoolean(),
                Comment = v.GetProperty("comment").GetBoolean(),
                Forward = v.GetProperty("forward").GetBoolean(),
                Hate = v.GetProperty("hate").GetBoolean(),
                RequestId = OptionalString("request_id"),
                Tab = OptionalInt("tab"),
                Surface = OptionalString("surface"),
            },
            "ScoringRequest" => new ScoringRequest
            {
                RequestId = v.GetProperty("request_id").GetString()!,
                UserId = v.GetProperty("user_id").GetInt64(),
                TsMs = v.GetProperty("ts_ms").GetInt64(),
                Candidates = v.GetProperty("candidates").EnumerateArray()
                    .Select(c => new Candidate(c.GetProperty("item_id").GetInt64(), c.GetProperty("author_id").GetInt64(), c.GetProperty("category").GetInt32(), c.GetProperty("duration_ms").GetInt32()))
                    .ToList(),
                Treatment = OptionalInt("treatment"),
                Surface = OptionalString("surface"),
            },
            "TrainingSample" => new TrainingSample
            {
                RequestId = v.GetProperty("request_id").GetString()!,
                UserId = v.GetProperty("user_id").GetInt64(),
                TsMs = v.GetProperty("ts_ms").GetInt64(),
                ItemId = v.GetProperty("item_id").GetInt64(),
                ModelVersions = v.GetProperty("model_versions").EnumerateArray().Select(m => m.GetString()!).ToList(),
                FeatureLayout = v.GetProperty("feature_layout").GetString()!,
                Features = v.GetProperty("features").EnumerateArray().Select(f => (float)f.GetDouble()).ToArray(),
                Treatment = OptionalInt("treatment"),
                LabelEngaged = OptionalBool("label_engaged"),
                LabelPlayTimeMs = OptionalInt("label_play_time_ms"),
                LabelLongPlayRatio = OptionalFloat("label_long_play_ratio"),
                LabelTsMs = OptionalLong("label_ts_ms"),
            },
            _ => new ScoredRequest
            {
                RequestId = v.GetProperty("request_id").GetString()!,
                UserId = v.GetProperty("user_id").GetInt64(),
                TsMs = v.GetProperty("ts_ms").GetInt64(),
                Scores = v.GetProperty("scores").EnumerateArray()
                    .Select(s => new CandidateScore { ItemId = s.GetProperty("item_id").GetInt64(), PEngage = (float)s.GetProperty("p_engage").GetDouble(), Fatigue = (float)s.GetProperty("fatigue").GetDouble() })
                    .ToList(),
                Uplift = v.GetProperty("uplift").EnumerateArray().Select(u => (float)u.GetDouble()).ToList(),
                ChosenTreatment = v.GetProperty("chosen_treatment").GetInt32(),
                ModelVersions = v.GetProperty("model_versions").EnumerateArray().Select(m => m.GetString()!).ToList(),
                SourcePartition = v.GetProperty("source_partition").GetInt32(),
                SourceOffset = v.GetProperty("source_offset").GetInt64(),
            },
        };
    }
}

using Streaming.Core.Events;
using Streaming.Core.Schemas;

namespace Streaming.Core.Tests.Schemas;

/// <summary>Each range rule of docs/framing.md turns a well-formed event into OutOfRange with its reason.</summary>
public sealed class RangeRules
{
    private const long Day = 86_400_000L;

    private static readonly EventCodec s_codec = new();

    [Fact]
    public void The_samples_themselves_pass()
    {
        Assert.True(Decode(Samples.Interaction).IsOk);
        Assert.True(Decode(Samples.ScoringRequest).IsOk);
        Assert.True(Decode(Samples.ScoredRequest).IsOk);
    }

    [Theory]
    [InlineData("duration_ms", "duration_ms -5 is negative")]
    [InlineData("play_time_ms", "play_time_ms -1 is negative")]
    [InlineData("user_id", "user_id -3 is negative")]
    [InlineData("item_id", "item_id -1 is negative")]
    [InlineData("author_id", "author_id -2 is below -1 (unknown)")]
    [InlineData("category", "category -7 is below -1 (unknown)")]
    [InlineData("tab", "tab -1 is negative")]
    [InlineData("event_id", "event_id is empty")]
    [InlineData("request_id", "request_id is empty")]
    public void Interaction_values_out_of_range(string field, string reason)
    {
        var e = Samples.Interaction;
        e = field switch
        {
            "duration_ms" => e with { DurationMs = -5 },
            "play_time_ms" => e with { PlayTimeMs = -1 },
            "user_id" => e with { UserId = -3 },
            "item_id" => e with { ItemId = -1 },
            "author_id" => e with { AuthorId = -2 },
            "category" => e with { Category = -7 },
            "tab" => e with { Tab = -1 },
            "event_id" => e with { EventId = "" },
            _ => e with { RequestId = "" },
        };
        AssertOutOfRange(reason, Decode(e));
    }

    [Fact]
    public void Unknown_author_and_category_are_in_range()
    {
        Assert.True(Decode(Samples.Interaction with { AuthorId = -1, Category = -1, DurationMs = 0, RequestId = null, Tab = null }).IsOk);
    }

    [Fact]
    public void Events_before_2000_are_out_of_range()
    {
        AssertOutOfRange("ts_ms 946684799999 is before 946684800000 (2000-01-01 by default)", Decode(Samples.Interaction with { TsMs = 946_684_799_999 }));
        Assert.True(Decode(Samples.Interaction with { TsMs = 946_684_800_000 }).IsOk);
    }

    [Fact]
    public void Events_more_than_a_day_after_the_record_timestamp_are_out_of_range()
    {
        var limit = EventGen.ReferenceMs + Day;
        Assert.True(Decode(Samples.Interaction with { TsMs = limit }).IsOk);
        AssertOutOfRange(
            $"ts_ms {limit + 1} is more than 86400000 ms after the reference time {EventGen.ReferenceMs}",
            Decode(Samples.ScoringRequest with { TsMs = limit + 1 }));
    }

    [Fact]
    public void Without_a_record_timestamp_the_future_rule_is_skipped()
    {
        var payload = s_codec.Encode(Samples.Interaction with { TsMs = EventGen.ReferenceMs + (365 * Day) });
        Assert.True(s_codec.Decode(payload, referenceTimeMs: -1).IsOk);
        Assert.Equal(DecodeStatus.OutOfRange, s_codec.Decode(payload, EventGen.ReferenceMs).Status);
    }

    [Fact]
    public void A_request_without_candidates_is_out_of_range() =>
        AssertOutOfRange("candidates is empty", Decode(Samples.ScoringRequest with { Candidates = [] }));

    [Fact]
    public void A_candidate_with_a_negative_duration_is_out_of_range() =>
        AssertOutOfRange("candidates[1].duration_ms -5 is negative", Decode(Samples.ScoringRequest with { Candidates = [new(1, 1, 1, 0), new(2, 1, 1, -5)] }));

    [Fact]
    public void A_candidate_with_a_negative_item_is_out_of_range() =>
        AssertOutOfRange("candidates[0].item_id -9 is negative", Decode(Samples.ScoringRequest with { Candidates = [new(-9, 1, 1, 0)] }));

    [Fact]
    public void Too_many_candidates_are_out_of_range()
    {
        var codec = new EventCodec(EventCodecOptions.Default with { MaxCandidates = 2 });
        var payload = codec.Encode(Samples.ScoringRequest);
        AssertOutOfRange("candidates has 3 entries (limit 2)", codec.Decode(payload, EventGen.ReferenceMs));
    }

    [Fact]
    public void A_negative_treatment_is_out_of_range() =>
        AssertOutOfRange("treatment -1 is negative", Decode(Samples.ScoringRequest with { Treatment = -1 }));

    [Fact]
    public void Ids_longer_than_the_limit_are_out_of_range()
    {
        AssertOutOfRange("request_id is 257 characters long (limit 256)", Decode(Samples.ScoringRequest with { RequestId = new string('r', 257) }));
        Assert.True(Decode(Samples.ScoringRequest with { RequestId = new string('r', 256) }).IsOk);
    }

    [Fact]
    public void Scores_outside_0_to_1_are_out_of_range()
    {
        var scored = Samples.ScoredRequest;
        AssertOutOfRange("scores[1].p_engage 1.5 is outside [0, 1]", Decode(scored with { Scores = [scored.Scores[0], scored.Scores[1] with { PEngage = 1.5f }] }));
        AssertOutOfRange("scores[0].fatigue NaN is outside [0, 1]", Decode(scored with { Scores = [scored.Scores[0] with { Fatigue = float.NaN }] }));
    }

    [Fact]
    public void A_chosen_treatment_without_an_uplift_entry_is_out_of_range()
    {
        var scored = Samples.ScoredRequest;
        AssertOutOfRange("chosen_treatment 3 has no uplift entry (uplift has 3)", Decode(scored with { ChosenTreatment = 3 }));
        Assert.True(Decode(scored with { Uplift = [], ChosenTreatment = 0 }).IsOk);
        AssertOutOfRange("chosen_treatment -1 is negative", Decode(scored with { ChosenTreatment = -1 }));
    }

    [Fact]
    public void Non_finite_uplift_is_out_of_range() =>
        AssertOutOfRange("uplift[2] Infinity is not a finite number", Decode(Samples.ScoredRequest with { Uplift = [0f, 0f, float.PositiveInfinity] }));

    [Fact]
    public void Scored_request_source_position_must_not_be_negative()
    {
        AssertOutOfRange("source_partition -1 is negative", Decode(Samples.ScoredRequest with { SourcePartition = -1 }));
        AssertOutOfRange("source_offset -2 is negative", Decode(Samples.ScoredRequest with { SourceOffset = -2 }));
    }

    [Fact]
    public void Empty_scores_and_model_versions_are_out_of_range()
    {
        AssertOutOfRange("scores is empty", Decode(Samples.ScoredRequest with { Scores = [] }));
        AssertOutOfRange("model_versions[1] is empty", Decode(Samples.ScoredRequest with { ModelVersions = ["a=1", ""] }));
    }

    [Fact]
    public void Training_samples_follow_the_range_rules()
    {
        var sample = Samples.TrainingSample;
        Assert.True(Decode(sample).IsOk);
        Assert.True(Decode(sample with { ItemId = -1, FeatureLayout = "uplift@1" }).IsOk);
        AssertOutOfRange("item_id -2 is below -1 (unknown)", Decode(sample with { ItemId = -2 }));
        AssertOutOfRange("feature_layout is empty", Decode(sample with { FeatureLayout = "" }));
        AssertOutOfRange("features[1] NaN is not a finite number", Decode(sample with { Features = new[] { 0f, float.NaN } }));
        AssertOutOfRange("label_long_play_ratio 1.5 is outside [0, 1]", Decode(sample with { LabelLongPlayRatio = 1.5f }));
        AssertOutOfRange("label_play_time_ms -1 is negative", Decode(sample with { LabelPlayTimeMs = -1 }));
        AssertOutOfRange("treatment -3 is negative", Decode(sample with { Treatment = -3 }));
        AssertOutOfRange("model_versions[0] is empty", Decode(sample with { ModelVersions = [""] }));
    }

    [Fact]
    public void Oversized_payloads_are_out_of_range_before_decoding()
    {
        var codec = new EventCodec(EventCodecOptions.Default with { MaxPayloadBytes = 64 });
        var big = codec.Encode(Samples.Interaction with { EventId = new string('x', 100) });
        var result = codec.Decode(big, EventGen.ReferenceMs);
        AssertOutOfRange($"oversized: {big.Length} bytes exceed the limit of 64", result);
        Assert.Equal(EventType.Interaction, result.Type);
        // Garbage that is too big is also just oversized: the size rule comes first.
        Assert.Equal(DecodeStatus.OutOfRange, codec.Decode(new byte[65], EventGen.ReferenceMs).Status);
    }

    private static DecodeResult Decode(Interaction e) => s_codec.Decode(s_codec.Encode(e), EventGen.ReferenceMs);

    private static DecodeResult Decode(ScoringRequest r) => s_codec.Decode(s_codec.Encode(r), EventGen.ReferenceMs);

    private static DecodeResult Decode(ScoredRequest s) => s_codec.Decode(s_codec.Encode(s), EventGen.ReferenceMs);

    private static DecodeResult Decode(TrainingSample s) => s_codec.Decode(s_codec.Encode(s), EventGen.ReferenceMs);

    private static void AssertOutOfRange(string reason, DecodeResult result)
    {
        Assert.Equal(DecodeStatus.OutOfRange, result.Status);
        Assert.Equal(reason, result.Reason);
        Assert.Null(result.Event);
    }
}

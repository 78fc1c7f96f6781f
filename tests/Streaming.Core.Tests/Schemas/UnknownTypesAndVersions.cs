using Streaming.Core.Schemas;

namespace Streaming.Core.Tests.Schemas;

public sealed class UnknownTypesAndVersions
{
    private static readonly EventCodec s_codec = new();

    [Fact]
    public void An_unknown_event_type_is_reported_as_such()
    {
        var payload = s_codec.Encode(Samples.Interaction);
        payload[1] = 9;
        var result = s_codec.Decode(payload, EventGen.ReferenceMs);
        Assert.Equal(DecodeStatus.UnknownType, result.Status);
        Assert.Equal((EventType)9, result.Type);
        Assert.Equal("event type 9 is unknown (known: 1 Interaction, 2 ScoringRequest, 3 ScoredRequest, 4 TrainingSample)", result.Reason);
    }

    [Fact]
    public void Event_type_zero_is_unknown()
    {
        var payload = s_codec.Encode(Samples.ScoringRequest);
        payload[1] = 0;
        Assert.Equal(DecodeStatus.UnknownType, s_codec.Decode(payload, EventGen.ReferenceMs).Status);
    }

    [Fact]
    public void An_unknown_schema_version_is_reported_with_the_known_ones()
    {
        var payload = s_codec.Encode(Samples.Interaction);
        payload[2] = 9;
        var result = s_codec.Decode(payload, EventGen.ReferenceMs);
        Assert.Equal(DecodeStatus.UnknownSchemaVersion, result.Status);
        Assert.Equal(9, result.SchemaVersion);
        Assert.Equal("schema version 9 of Interaction is unknown (known: 1, 2)", result.Reason);
    }

    [Fact]
    public void Schema_version_zero_is_never_known()
    {
        var payload = s_codec.Encode(Samples.ScoredRequest);
        payload[2] = 0;
        Assert.Equal(DecodeStatus.UnknownSchemaVersion, s_codec.Decode(payload, EventGen.ReferenceMs).Status);
    }

    [Fact]
    public void A_wrong_magic_byte_is_malformed()
    {
        var payload = s_codec.Encode(Samples.Interaction);
        payload[0] = 0xC3; // Avro single-object encoding's marker: a different framing
        var result = s_codec.Decode(payload, EventGen.ReferenceMs);
        Assert.Equal(DecodeStatus.Malformed, result.Status);
        Assert.Equal("magic byte 0xC3 is not 0x53", result.Reason);
    }

    [Fact]
    public void A_payload_shorter_than_the_header_is_malformed()
    {
        var result = s_codec.Decode([0x53, 1], EventGen.ReferenceMs);
        Assert.Equal(DecodeStatus.Malformed, result.Status);
        Assert.Equal("2 bytes cannot hold the 3-byte header", result.Reason);
    }

    [Fact]
    public void The_codec_writes_the_newest_version_of_every_type()
    {
        Assert.Equal(2, s_codec.CurrentVersion(EventType.Interaction));
        Assert.Equal(2, s_codec.CurrentVersion(EventType.ScoringRequest));
        Assert.Equal(1, s_codec.CurrentVersion(EventType.ScoredRequest));
        Assert.Equal(1, s_codec.CurrentVersion(EventType.TrainingSample));
    }
}

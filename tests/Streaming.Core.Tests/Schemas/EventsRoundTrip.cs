using CsCheck;
using Streaming.Core.Schemas;

namespace Streaming.Core.Tests.Schemas;

public sealed class EventsRoundTrip
{
    private static readonly EventCodec s_codec = new();

    [Fact]
    public void Interaction_decodes_to_the_encoded_record() =>
        EventGen.Interaction.Sample(e => EventAssert.Same(e, Ok(s_codec.Decode(s_codec.Encode(e), EventGen.ReferenceMs)).Interaction), iter: 2_000);

    [Fact]
    public void ScoringRequest_decodes_to_the_encoded_record() =>
        EventGen.ScoringRequest.Sample(e => EventAssert.Same(e, Ok(s_codec.Decode(s_codec.Encode(e), EventGen.ReferenceMs)).ScoringRequest), iter: 1_000);

    [Fact]
    public void ScoredRequest_decodes_to_the_encoded_record() =>
        EventGen.ScoredRequest.Sample(e => EventAssert.Same(e, Ok(s_codec.Decode(s_codec.Encode(e), EventGen.ReferenceMs)).ScoredRequest), iter: 1_000);

    [Fact]
    public void TrainingSample_decodes_to_the_encoded_record() =>
        EventGen.TrainingSample.Sample(e => EventAssert.Same(e, Ok(s_codec.Decode(s_codec.Encode(e), EventGen.ReferenceMs)).TrainingSample), iter: 1_000);

    [Fact]
    public void Buffer_writer_overload_appends_the_same_bytes_as_the_array_overload()
    {
        EventGen.Interaction.Sample(e =>
        {
            var buffer = new System.Buffers.ArrayBufferWriter<byte>();
            System.Buffers.BuffersExtensions.Write(buffer, [(byte)1, (byte)2]);
            s_codec.Encode(e, buffer);
            Assert.Equal([1, 2, .. s_codec.Encode(e)], buffer.WrittenSpan.ToArray());
        }, iter: 200);
    }

    [Fact]
    public void Header_names_magic_type_and_current_version()
    {
        var payload = s_codec.Encode(EventGen.ScoredRequest.Single());
        Assert.Equal([0x53, 3, 1], payload[..3]);
        var result = s_codec.Decode(payload, EventGen.ReferenceMs);
        Assert.Equal(EventType.ScoredRequest, result.Type);
        Assert.Equal(1, result.SchemaVersion);
    }

    private static DecodeResult Ok(DecodeResult result)
    {
        Assert.True(result.IsOk, result.ToString());
        Assert.Equal(string.Empty, result.Reason);
        return result;
    }
}

using CsCheck;
using Streaming.Core.Schemas;

namespace Streaming.Core.Tests.Schemas;

/// <summary>The hand-rolled current-version path must be byte- and value-identical to Apache.Avro's generic one.</summary>
public sealed class HandRolledPathMatchesApacheAvro
{
    private static readonly EventCodec s_codec = new();

    [Fact]
    public void Interaction_bytes_equal_Apache_Avro_generic_writer_bytes() =>
        EventGen.Interaction.Sample(e => Assert.Equal(ReferenceAvro.Encode(e), s_codec.Encode(e)), iter: 1_000);

    [Fact]
    public void ScoringRequest_bytes_equal_Apache_Avro_generic_writer_bytes() =>
        EventGen.ScoringRequest.Sample(e => Assert.Equal(ReferenceAvro.Encode(e), s_codec.Encode(e)), iter: 500);

    [Fact]
    public void ScoredRequest_bytes_equal_Apache_Avro_generic_writer_bytes() =>
        EventGen.ScoredRequest.Sample(e => Assert.Equal(ReferenceAvro.Encode(e), s_codec.Encode(e)), iter: 500);

    [Fact]
    public void TrainingSample_bytes_equal_Apache_Avro_generic_writer_bytes() =>
        EventGen.TrainingSample.Sample(e => Assert.Equal(ReferenceAvro.Encode(e), s_codec.Encode(e)), iter: 500);

    [Fact]
    public void Empty_arrays_encode_as_Apache_Avro_does()
    {
        var scored = EventGen.ScoredRequest.Single() with { Uplift = [], ModelVersions = [] };
        Assert.Equal(ReferenceAvro.Encode(scored), s_codec.Encode(scored));
    }

    [Fact]
    public void Generic_reader_decodes_every_event_type_to_the_same_record() =>
        Gen.OneOf<object>(EventGen.Interaction, EventGen.ScoringRequest, EventGen.ScoredRequest, EventGen.TrainingSample).Sample(e =>
        {
            var payload = e switch
            {
                Events.Interaction i => s_codec.Encode(i),
                Events.ScoringRequest r => s_codec.Encode(r),
                Events.TrainingSample t => s_codec.Encode(t),
                _ => s_codec.Encode((Events.ScoredRequest)e),
            };
            var fast = s_codec.Decode(payload, EventGen.ReferenceMs);
            var generic = s_codec.DecodeGeneric(payload, EventGen.ReferenceMs);
            Assert.True(generic.IsOk, generic.ToString());
            EventAssert.Same(fast.Event!, generic.Event);
        }, iter: 1_000);
}

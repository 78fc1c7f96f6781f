using Streaming.Core.Schemas;

namespace Streaming.Core.Tests.Schemas;

/// <summary>
/// Garbage, truncations and bit flips never throw out of Decode, and the hand-rolled and
/// Apache.Avro paths agree on every one of them (same status, same event when Ok).
/// </summary>
public sealed class MalformedPayloadsNeverThrow
{
    private static readonly EventCodec s_codec = new();

    public static TheoryData<string> Types => ["Interaction", "ScoringRequest", "ScoredRequest", "TrainingSample"];

    [Theory]
    [MemberData(nameof(Types))]
    public void Every_truncation_of_a_valid_payload_is_malformed(string type)
    {
        var payload = Valid(type);
        for (var length = 0; length < payload.Length; length++)
        {
            var result = DecodeBothWays(payload.AsSpan(0, length));
            Assert.Equal(DecodeStatus.Malformed, result.Status);
            Assert.NotEmpty(result.Reason);
        }
    }

    [Fact]
    public void A_truncated_body_names_the_byte()
    {
        var payload = Valid("Interaction");
        var result = s_codec.Decode(payload.AsSpan(0, payload.Length - 1), EventGen.ReferenceMs);
        // The last field is the surface union: its null branch byte, at the end.
        Assert.Equal($"truncated Avro body at byte {payload.Length - 1}", result.Reason);
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void Every_single_bit_flip_gives_a_status_without_throwing(string type)
    {
        var payload = Valid(type);
        var statuses = new HashSet<DecodeStatus>();
        for (var bit = 0; bit < payload.Length * 8; bit++)
        {
            var flipped = (byte[])payload.Clone();
            flipped[bit / 8] ^= (byte)(1 << (bit % 8));
            statuses.Add(DecodeBothWays(flipped).Status);
        }
        // Flips hit the magic (Malformed), the type (UnknownType), the version (UnknownSchemaVersion),
        // and the body: some still decode, some break it, some break a range rule.
        Assert.Contains(DecodeStatus.Malformed, statuses);
        Assert.Contains(DecodeStatus.UnknownType, statuses);
        Assert.Contains(DecodeStatus.UnknownSchemaVersion, statuses);
        Assert.Contains(DecodeStatus.Ok, statuses);
    }

    [Fact]
    public void Trailing_bytes_are_malformed()
    {
        var result = DecodeBothWays([.. Valid("ScoringRequest"), 0]);
        Assert.Equal(DecodeStatus.Malformed, result.Status);
        Assert.StartsWith("1 trailing bytes after the Avro body", result.Reason);
    }

    [Fact]
    public void Random_bodies_behind_valid_headers_never_throw()
    {
        var random = new Random(20_240_611);
        for (var i = 0; i < 30_000; i++)
        {
            var payload = new byte[random.Next(3, 80)];
            random.NextBytes(payload);
            payload[0] = EventFrame.Magic;
            payload[1] = (byte)random.Next(1, 4);
            payload[2] = s_codec.CurrentVersion((EventType)payload[1]);
            DecodeBothWays(payload);
        }
    }

    [Fact]
    public void Random_bytes_never_throw()
    {
        var random = new Random(7);
        for (var i = 0; i < 20_000; i++)
        {
            var payload = new byte[random.Next(0, 64)];
            random.NextBytes(payload);
            var result = s_codec.Decode(payload, EventGen.ReferenceMs);
            Assert.Equal(result.Status == DecodeStatus.Ok, result.Event is not null);
        }
    }

    [Fact]
    public void Huge_declared_lengths_are_malformed_without_allocating_them()
    {
        // Header, then a string length of 2^40 (zig-zag varint) where event_id should be.
        byte[] hugeString = [0x53, 1, 1, 0x80, 0x80, 0x80, 0x80, 0x80, 0x40];
        // A ScoringRequest whose candidates array claims 2^30 items in a 20-byte payload.
        byte[] hugeArray = [0x53, 2, 1, 2, (byte)'r', 2, 2, 0x80, 0x80, 0x80, 0x80, 0x08, 0, 0, 0, 0, 0, 0, 0, 0];
        var before = GC.GetAllocatedBytesForCurrentThread();
        var first = DecodeBothWays(hugeString);
        var second = DecodeBothWays(hugeArray);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(DecodeStatus.Malformed, first.Status);
        Assert.Contains("exceeds the 0 bytes left", first.Reason);
        Assert.Equal(DecodeStatus.Malformed, second.Status);
        Assert.Contains("block of 1073741824 items at byte 7 cannot fit", second.Reason);
        Assert.True(allocated < 1 << 20, $"allocated {allocated} bytes");
    }

    [Fact]
    public void An_overlong_varint_is_malformed()
    {
        var payload = Valid("Interaction");
        Assert.Equal(8, payload[3]); // event_id "ev-1": zig-zag length 4, so user_id starts at byte 8
        byte[] overlong = [.. payload[..8], .. Enumerable.Repeat((byte)0xFF, 11), .. payload[9..]];
        Assert.Equal("varint at byte 8 overflows 64 bits", DecodeBothWays(overlong).Reason);
    }

    [Fact]
    public void A_boolean_other_than_0_or_1_is_malformed()
    {
        var payload = Valid("Interaction");
        // After click come six booleans, request_id (branch + length + "req-é" in 6 bytes), tab (branch + 1 byte)
        // and surface (null branch).
        var click = payload.Length - 1 - (6 + 8 + 2 + 1);
        Assert.Equal(1, payload[click]);
        payload[click] = 2;
        Assert.Equal($"boolean at byte {click} is 2, not 0 or 1", DecodeBothWays(payload).Reason);
    }

    [Fact]
    public void Invalid_utf8_in_a_string_is_malformed()
    {
        var payload = Valid("Interaction");
        payload[4] = 0xC3; // "ev-1" becomes a lone UTF-8 lead byte followed by ASCII
        var result = DecodeBothWays(payload);
        Assert.Equal(DecodeStatus.Malformed, result.Status);
        Assert.Equal("string at byte 3 is not valid UTF-8", result.Reason);
    }

    private static byte[] Valid(string type) => type switch
    {
        "Interaction" => s_codec.Encode(Samples.Interaction),
        "ScoringRequest" => s_codec.Encode(Samples.ScoringRequest),
        "TrainingSample" => s_codec.Encode(Samples.TrainingSample),
        _ => s_codec.Encode(Samples.ScoredRequest),
    };

    private static DecodeResult DecodeBothWays(ReadOnlySpan<byte> payload)
    {
        var fast = s_codec.Decode(payload, EventGen.ReferenceMs);
        var generic = s_codec.DecodeGeneric(payload, EventGen.ReferenceMs);
        Assert.Equal(fast.Status, generic.Status);
        Assert.Equal(fast.Reason, generic.Reason);
        Assert.Equal(fast.IsOk, fast.Event is not null);
        if (fast.IsOk)
        {
            EventAssert.Same(fast.Event!, generic.Event);
        }
        return fast;
    }
}

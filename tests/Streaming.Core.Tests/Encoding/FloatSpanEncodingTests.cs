using System.Buffers.Binary;
using Streaming.Core.Encoding;

namespace Streaming.Core.Tests.Encoding;

public sealed class FloatSpanEncodingTests
{
    private static readonly float[] s_singles =
    [
        0f, -0f, 1f, -1.5f, float.Epsilon, -float.Epsilon, float.MaxValue, float.MinValue,
        float.PositiveInfinity, float.NegativeInfinity, float.NaN,
        BitConverter.UInt32BitsToSingle(0x7FC0_1234u), BitConverter.UInt32BitsToSingle(0xFFA0_0001u), 0.1f, 3.14159265f,
    ];

    private static readonly double[] s_doubles =
    [
        0d, -0d, 1d, -1.5d, double.Epsilon, double.MaxValue, double.MinValue,
        double.PositiveInfinity, double.NegativeInfinity, double.NaN,
        BitConverter.UInt64BitsToDouble(0x7FF8_0000_DEAD_BEEFul), 0.1d, Math.PI,
    ];

    [Fact]
    public void A_span_of_floats_is_written_as_each_float_little_endian_in_order()
    {
        var writer = new StateWriter(1);
        writer.WriteByte(0xAB); // the span starts at an odd offset
        writer.WriteSingles(s_singles);
        writer.WriteDoubles(s_doubles);

        var expected = new byte[1 + (s_singles.Length * 4) + (s_doubles.Length * 8)];
        expected[0] = 0xAB;
        for (var i = 0; i < s_singles.Length; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(expected.AsSpan(1 + (i * 4)), BitConverter.SingleToUInt32Bits(s_singles[i]));
        }
        var doublesAt = 1 + (s_singles.Length * 4);
        for (var i = 0; i < s_doubles.Length; i++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(expected.AsSpan(doublesAt + (i * 8)), BitConverter.DoubleToUInt64Bits(s_doubles[i]));
        }
        Assert.Equal(expected, writer.ToArray());
    }

    [Fact]
    public void A_span_of_floats_reads_back_bit_for_bit_from_an_unaligned_position()
    {
        var writer = new StateWriter();
        writer.WriteByte(7);
        writer.WriteSingles(s_singles);
        writer.WriteDoubles(s_doubles);

        var reader = new StateReader(writer.WrittenSpan);
        Assert.Equal(7, reader.ReadByte());
        var singles = new float[s_singles.Length];
        var doubles = new double[s_doubles.Length];
        reader.ReadSingles(singles);
        reader.ReadDoubles(doubles);
        reader.EnsureEnd();
        Assert.Equal(s_singles.Select(BitConverter.SingleToUInt32Bits), singles.Select(BitConverter.SingleToUInt32Bits));
        Assert.Equal(s_doubles.Select(BitConverter.DoubleToUInt64Bits), doubles.Select(BitConverter.DoubleToUInt64Bits));
    }

    [Fact]
    public void A_span_of_floats_longer_than_the_data_is_malformed_and_reads_nothing()
    {
        var writer = new StateWriter();
        writer.WriteSingles([1f, 2f]);
        var bytes = writer.ToArray()[..7];
        var destination = new float[] { 9f, 9f };

        var thrown = Assert.Throws<InvalidDataException>(() =>
        {
            var reader = new StateReader(bytes);
            reader.ReadSingles(destination);
        });
        Assert.Contains("needs 8 bytes", thrown.Message);
        Assert.Equal([9f, 9f], destination);
    }
}

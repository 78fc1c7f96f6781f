using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Streaming.Core.Schemas;

/// <summary>
/// Writes Avro binary encoding (Avro 1.12 specification, "Binary Encoding") straight into an
/// <see cref="IBufferWriter{T}"/>, byte for byte what Apache.Avro's <c>BinaryEncoder</c> writes
/// (tests compare the two), without its per-call stream and boxing.
/// </summary>
/// <remarks>
/// This is the Avro wire format, fixed by the Avro spec (zig-zag lengths, blocked arrays), not
/// a project layout, which is why it does not use <see cref="Encoding.StateWriter"/>.
/// </remarks>
internal readonly ref struct AvroBufferWriter
{
    // Strict: a string with a lone surrogate is a producer bug, not something to paper over with U+FFFD.
    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly IBufferWriter<byte> _destination;

    public AvroBufferWriter(IBufferWriter<byte> destination) => _destination = destination;

    public void WriteRawByte(byte value)
    {
        _destination.GetSpan(1)[0] = value;
        _destination.Advance(1);
    }

    public void WriteLong(long value)
    {
        var raw = (ulong)((value << 1) ^ (value >> 63));
        var span = _destination.GetSpan(10);
        var i = 0;
        while (raw >= 0x80)
        {
            span[i++] = (byte)(raw | 0x80);
            raw >>= 7;
        }
        span[i++] = (byte)raw;
        _destination.Advance(i);
    }

    public void WriteInt(int value) => WriteLong(value);

    public void WriteBoolean(bool value) => WriteRawByte(value ? (byte)1 : (byte)0);

    public void WriteFloat(float value)
    {
        BinaryPrimitives.WriteSingleLittleEndian(_destination.GetSpan(4), value);
        _destination.Advance(4);
    }

    /// <summary>Writes the items of a float array block: each four bytes little-endian, as <see cref="WriteFloat"/> does, copied at once.</summary>
    public void WriteFloats(ReadOnlySpan<float> values)
    {
        var bytes = values.Length * sizeof(float);
        var span = _destination.GetSpan(bytes);
        if (BitConverter.IsLittleEndian)
        {
            System.Runtime.InteropServices.MemoryMarshal.AsBytes(values).CopyTo(span);
        }
        else
        {
            for (var i = 0; i < values.Length; i++)
            {
                BinaryPrimitives.WriteSingleLittleEndian(span[(i * sizeof(float))..], values[i]);
            }
        }
        _destination.Advance(bytes);
    }

    /// <summary>Writes an Avro <c>string</c>; throws <see cref="ArgumentException"/> naming <paramref name="field"/> when it is null or not valid UTF-16.</summary>
    public void WriteString(string? value, string field)
    {
        if (value is null)
        {
            throw new ArgumentException($"{field} is null; the schema requires a string.", field);
        }
        int length;
        try
        {
            length = s_strictUtf8.GetByteCount(value);
        }
        catch (EncoderFallbackException e)
        {
            throw new ArgumentException($"{field} is not valid UTF-16 (lone surrogate).", field, e);
        }
        WriteLong(length);
        var written = s_strictUtf8.GetBytes(value, _destination.GetSpan(length));
        _destination.Advance(written);
    }

    /// <summary>Writes a <c>["null", T]</c> union's branch: 0 for null, 1 for a value.</summary>
    public void WriteNullableBranch(bool hasValue) => WriteRawByte(hasValue ? (byte)2 : (byte)0);

    /// <summary>Starts an array as one block of <paramref name="count"/> items (nothing for an empty array, as Apache.Avro does).</summary>
    public void WriteArrayStart(int count)
    {
        if (count > 0)
        {
            WriteLong(count);
        }
    }

    /// <summary>Ends an array with the zero-count block.</summary>
    public void WriteArrayEnd() => WriteRawByte(0);
}

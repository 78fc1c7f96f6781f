using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Streaming.Core.Encoding;

/// <summary>
/// Appends the primitives of the project's binary state encodings to a buffer: LEB128 varints
/// (zig-zag for signed values), little-endian IEEE floats, and length-prefixed byte strings.
/// Every persisted layout is built from these and nothing else, so one reader decodes them all.
/// </summary>
public sealed class StateWriter
{
    private readonly ArrayBufferWriter<byte> _buffer;

    /// <summary>Creates a writer with an initial capacity in bytes.</summary>
    public StateWriter(int initialCapacity = 256) => _buffer = new ArrayBufferWriter<byte>(initialCapacity);

    /// <summary>The bytes written so far.</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer.WrittenSpan;

    /// <summary>Number of bytes written so far.</summary>
    public int Length => _buffer.WrittenCount;

    /// <summary>Bytes the buffer holds before it must grow again (it never shrinks).</summary>
    public int Capacity => _buffer.Capacity;

    /// <summary>Forgets what was written, keeping the buffer for reuse.</summary>
    public void Clear() => _buffer.ResetWrittenCount();

    /// <summary>A copy of the bytes written so far.</summary>
    public byte[] ToArray() => _buffer.WrittenSpan.ToArray();

    /// <summary>Writes one raw byte (used for version and flag fields).</summary>
    public void WriteByte(byte value)
    {
        _buffer.GetSpan(1)[0] = value;
        _buffer.Advance(1);
    }

    /// <summary>Writes an unsigned LEB128 varint.</summary>
    public void WriteVarUInt64(ulong value)
    {
        var span = _buffer.GetSpan(10);
        var i = 0;
        while (value >= 0x80)
        {
            span[i++] = (byte)(value | 0x80);
            value >>= 7;
        }
        span[i++] = (byte)value;
        _buffer.Advance(i);
    }

    /// <summary>Writes a signed value as a zig-zag LEB128 varint.</summary>
    public void WriteVarInt64(long value) => WriteVarUInt64((ulong)((value << 1) ^ (value >> 63)));

    /// <summary>Writes a non-negative count or length.</summary>
    public void WriteCount(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        WriteVarUInt64((ulong)count);
    }

    /// <summary>Writes a 32-bit float, little-endian.</summary>
    public void WriteSingle(float value)
    {
        BinaryPrimitives.WriteSingleLittleEndian(_buffer.GetSpan(4), value);
        _buffer.Advance(4);
    }

    /// <summary>Writes a 64-bit float, little-endian.</summary>
    public void WriteDouble(double value)
    {
        BinaryPrimitives.WriteDoubleLittleEndian(_buffer.GetSpan(8), value);
        _buffer.Advance(8);
    }

    /// <summary>Writes a span of 32-bit floats, little-endian, without a length prefix.</summary>
    public void WriteSingles(ReadOnlySpan<float> values)
    {
        var length = values.Length * sizeof(float);
        var span = _buffer.GetSpan(length);
        if (BitConverter.IsLittleEndian)
        {
            // The in-memory bytes are the encoding: one copy (NaN payloads and -0 included).
            MemoryMarshal.AsBytes(values).CopyTo(span);
        }
        else
        {
            for (var i = 0; i < values.Length; i++)
            {
                BinaryPrimitives.WriteSingleLittleEndian(span.Slice(i * sizeof(float)), values[i]);
            }
        }
        _buffer.Advance(length);
    }

    /// <summary>Writes a span of 64-bit floats, little-endian, without a length prefix.</summary>
    public void WriteDoubles(ReadOnlySpan<double> values)
    {
        var length = values.Length * sizeof(double);
        var span = _buffer.GetSpan(length);
        if (BitConverter.IsLittleEndian)
        {
            MemoryMarshal.AsBytes(values).CopyTo(span);
        }
        else
        {
            for (var i = 0; i < values.Length; i++)
            {
                BinaryPrimitives.WriteDoubleLittleEndian(span.Slice(i * sizeof(double)), values[i]);
            }
        }
        _buffer.Advance(length);
    }

    /// <summary>Writes a length-prefixed byte string.</summary>
    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        WriteCount(bytes.Length);
        bytes.CopyTo(_buffer.GetSpan(bytes.Length));
        _buffer.Advance(bytes.Length);
    }
}

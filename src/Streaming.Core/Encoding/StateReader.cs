using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Streaming.Core.Encoding;

/// <summary>
/// Reads what <see cref="StateWriter"/> wrote. Malformed input (truncated, overlong varint,
/// impossible length) throws <see cref="InvalidDataException"/>: persisted state that does not
/// decode is corruption, never an expected outcome.
/// </summary>
public ref struct StateReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _position;

    /// <summary>Starts reading at the beginning of <paramref name="data"/>.</summary>
    public StateReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _position = 0;
    }

    /// <summary>Bytes not read yet.</summary>
    public readonly int Remaining => _data.Length - _position;

    /// <summary>Reads one raw byte.</summary>
    public byte ReadByte()
    {
        Need(1);
        return _data[_position++];
    }

    /// <summary>Reads an unsigned LEB128 varint.</summary>
    public ulong ReadVarUInt64()
    {
        ulong result = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            var b = ReadByte();
            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return result;
            }
        }
        ThrowMalformed("varint longer than 10 bytes");
        return 0;
    }

    /// <summary>Reads a zig-zag LEB128 varint.</summary>
    public long ReadVarInt64()
    {
        var raw = ReadVarUInt64();
        return (long)(raw >> 1) ^ -(long)(raw & 1);
    }

    /// <summary>Reads a count or length, checking that it is at most <paramref name="max"/>.</summary>
    public int ReadCount(int max = int.MaxValue)
    {
        var value = ReadVarUInt64();
        if (value > (ulong)max)
        {
            ThrowMalformed($"count {value} exceeds the bound {max}");
        }
        return (int)value;
    }

    /// <summary>Reads a 32-bit float, little-endian.</summary>
    public float ReadSingle()
    {
        Need(4);
        var value = BinaryPrimitives.ReadSingleLittleEndian(_data.Slice(_position));
        _position += 4;
        return value;
    }

    /// <summary>Reads a 64-bit float, little-endian.</summary>
    public double ReadDouble()
    {
        Need(8);
        var value = BinaryPrimitives.ReadDoubleLittleEndian(_data.Slice(_position));
        _position += 8;
        return value;
    }

    /// <summary>Fills <paramref name="destination"/> with 32-bit floats.</summary>
    public void ReadSingles(Span<float> destination)
    {
        var length = destination.Length * sizeof(float);
        Need(length);
        if (BitConverter.IsLittleEndian)
        {
            // Byte copy into the floats' storage: no alignment assumption about the source.
            _data.Slice(_position, length).CopyTo(MemoryMarshal.AsBytes(destination));
        }
        else
        {
            for (var i = 0; i < destination.Length; i++)
            {
                destination[i] = BinaryPrimitives.ReadSingleLittleEndian(_data.Slice(_position + (i * sizeof(float))));
            }
        }
        _position += length;
    }

    /// <summary>Fills <paramref name="destination"/> with 64-bit floats.</summary>
    public void ReadDoubles(Span<double> destination)
    {
        var length = destination.Length * sizeof(double);
        Need(length);
        if (BitConverter.IsLittleEndian)
        {
            _data.Slice(_position, length).CopyTo(MemoryMarshal.AsBytes(destination));
        }
        else
        {
            for (var i = 0; i < destination.Length; i++)
            {
                destination[i] = BinaryPrimitives.ReadDoubleLittleEndian(_data.Slice(_position + (i * sizeof(double))));
            }
        }
        _position += length;
    }

    /// <summary>Reads a length-prefixed byte string.</summary>
    public ReadOnlySpan<byte> ReadBytes()
    {
        var length = ReadCount(Remaining);
        var bytes = _data.Slice(_position, length);
        _position += length;
        return bytes;
    }

    /// <summary>Throws unless every byte was consumed: trailing bytes mean a layout mismatch.</summary>
    public readonly void EnsureEnd()
    {
        if (_position != _data.Length)
        {
            ThrowMalformed($"{_data.Length - _position} trailing bytes");
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly void Need(int count)
    {
        if (_data.Length - _position < count)
        {
            ThrowMalformed($"needs {count} bytes at {_position}, has {_data.Length - _position}");
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowMalformed(string why) => throw new InvalidDataException("Malformed state encoding: " + why + ".");
}

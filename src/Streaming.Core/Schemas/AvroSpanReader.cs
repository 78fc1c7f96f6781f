using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text.Unicode;

namespace Streaming.Core.Schemas;

/// <summary>
/// Reads Avro binary encoding (Avro 1.12 specification, "Binary Encoding") from a span, with a
/// sticky error instead of exceptions: the first problem is recorded with its byte position and
/// every later read returns a default, so a decoder reads on and checks <see cref="Failed"/> once.
/// </summary>
/// <remarks>
/// Every length and item count is checked against the bytes left before anything is sized from
/// it, so no payload can make a reader allocate more than the payload's own size. Positions in
/// errors are offsets into the span given (the whole framed payload, header included).
/// Mutable struct: pass it by <c>ref</c>, never copy it.
/// </remarks>
internal ref struct AvroSpanReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _position;
    private string? _error;

    /// <summary>Starts reading <paramref name="data"/> at <paramref name="start"/>.</summary>
    public AvroSpanReader(ReadOnlySpan<byte> data, int start)
    {
        _data = data;
        _position = start;
        _error = null;
    }

    public readonly int Position => _position;

    public readonly int Remaining => _data.Length - _position;

    public readonly bool Failed => _error is not null;

    /// <summary>The first problem met, or null.</summary>
    public readonly string? Error => _error;

    /// <summary>A zig-zag varint of at most 10 bytes whose value fits 64 bits.</summary>
    public long ReadLong()
    {
        var start = _position;
        ulong raw = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (_position >= _data.Length)
            {
                Truncated(start);
                return 0;
            }
            var b = _data[_position++];
            if (shift == 63 && b > 1)
            {
                Fail($"varint at byte {start} overflows 64 bits");
                return 0;
            }
            raw |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return (long)(raw >> 1) ^ -(long)(raw & 1);
            }
        }
        Fail($"varint at byte {start} overflows 64 bits");
        return 0;
    }

    /// <summary>A zig-zag varint of at most 5 bytes whose value fits 32 bits (as Avro's own reader demands).</summary>
    public int ReadInt()
    {
        var start = _position;
        var value = ReadLong();
        if (Failed)
        {
            return 0;
        }
        if (_position - start > 5 || value < int.MinValue || value > int.MaxValue)
        {
            Fail($"int at byte {start} does not fit 32 bits");
            return 0;
        }
        return (int)value;
    }

    public bool ReadBoolean()
    {
        if (!Need(1))
        {
            return false;
        }
        var b = _data[_position];
        if (b > 1)
        {
            Fail($"boolean at byte {_position} is {b}, not 0 or 1");
            return false;
        }
        _position++;
        return b == 1;
    }

    public float ReadFloat()
    {
        if (!Need(4))
        {
            return 0;
        }
        var value = BinaryPrimitives.ReadSingleLittleEndian(_data.Slice(_position));
        _position += 4;
        return value;
    }

    public double ReadDouble()
    {
        if (!Need(8))
        {
            return 0;
        }
        var value = BinaryPrimitives.ReadDoubleLittleEndian(_data.Slice(_position));
        _position += 8;
        return value;
    }

    /// <summary>A length-prefixed byte string (Avro <c>bytes</c>), as a slice of the input.</summary>
    public ReadOnlySpan<byte> ReadBytes()
    {
        var start = _position;
        var length = ReadLong();
        if (Failed)
        {
            return default;
        }
        if (length < 0)
        {
            Fail($"length {length} at byte {start} is negative");
            return default;
        }
        if (length > Remaining)
        {
            Fail($"truncated Avro body at byte {start}: length {length} exceeds the {Remaining} bytes left");
            return default;
        }
        var bytes = _data.Slice(_position, (int)length);
        _position += (int)length;
        return bytes;
    }

    /// <summary>The UTF-8 bytes of an Avro <c>string</c>, checked to be valid UTF-8.</summary>
    public ReadOnlySpan<byte> ReadUtf8()
    {
        var start = _position;
        var bytes = ReadBytes();
        if (!Failed && !Utf8.IsValid(bytes))
        {
            Fail($"string at byte {start} is not valid UTF-8");
            return default;
        }
        return bytes;
    }

    /// <summary>An Avro <c>string</c>; empty after a failure.</summary>
    public string ReadString()
    {
        var bytes = ReadUtf8();
        return bytes.IsEmpty ? string.Empty : System.Text.Encoding.UTF8.GetString(bytes);
    }

    /// <summary>A union's branch index, checked to be below <paramref name="branches"/>.</summary>
    public int ReadUnionIndex(int branches)
    {
        var start = _position;
        var index = ReadLong();
        if (!Failed && (index < 0 || index >= branches))
        {
            Fail($"union branch {index} at byte {start} is not one of the {branches} branches");
            return 0;
        }
        return (int)index;
    }

    /// <summary>
    /// The item count of the next array or map block, 0 at the end. A negative count (a block
    /// followed by its byte size) is accepted as the spec allows. Each item takes at least
    /// <paramref name="minItemBytes"/> (at least 1 is assumed), so a count whose items cannot fit
    /// the bytes left is corruption, found before anything is sized from it.
    /// </summary>
    public int ReadBlockCount(int minItemBytes)
    {
        var start = _position;
        var count = ReadLong();
        if (count < 0 && !Failed)
        {
            if (count == long.MinValue)
            {
                Fail($"block count at byte {start} is out of range");
                return 0;
            }
            count = -count;
            var sizeStart = _position;
            var size = ReadLong();
            if (!Failed && (size < 0 || size > Remaining))
            {
                Fail($"block size {size} at byte {sizeStart} does not fit the {Remaining} bytes left");
                return 0;
            }
        }
        if (Failed)
        {
            return 0;
        }
        if (count > Remaining / Math.Max(minItemBytes, 1))
        {
            Fail($"block of {count} items at byte {start} cannot fit the {Remaining} bytes left");
            return 0;
        }
        return (int)count;
    }

    /// <summary>Skips <paramref name="count"/> raw bytes (an Avro <c>fixed</c>).</summary>
    public void Skip(int count)
    {
        if (Need(count))
        {
            _position += count;
        }
    }

    /// <summary>Records <paramref name="reason"/> unless an earlier problem was recorded, and stops reading.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public void Fail(string reason)
    {
        _error ??= reason;
        _position = _data.Length;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Need(int count)
    {
        if (_data.Length - _position >= count)
        {
            return true;
        }
        Truncated(_position);
        return false;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Truncated(int at)
    {
        if (_error is null)
        {
            Fail($"truncated Avro body at byte {at}");
        }
    }
}

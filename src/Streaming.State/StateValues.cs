using Streaming.Core.Encoding;

namespace Streaming.State;

/// <summary>
/// The value layouts, built from Core's <see cref="StateWriter"/> primitives, a version byte first:
/// <code>
///  offset value: | version = 1 | next offset, zig-zag varint |
///  user value:   | version = 1 | applied offset, zig-zag varint | partition, zig-zag varint |
///                | state length, varint | state bytes ...                                 |
/// </code>
/// A version this build does not know, or bytes that do not decode, are corruption and throw
/// <see cref="InvalidDataException"/>: the store cannot guess what such a record means.
/// </summary>
internal static class StateValues
{
    public const byte OffsetVersion = 1;
    public const byte UserVersion = 1;

    public static void WriteOffset(StateWriter writer, long nextOffset)
    {
        writer.Clear();
        writer.WriteByte(OffsetVersion);
        writer.WriteVarInt64(nextOffset);
    }

    public static long ReadOffset(ReadOnlySpan<byte> value)
    {
        var reader = new StateReader(value);
        CheckVersion(reader.ReadByte(), OffsetVersion, "offset");
        var next = reader.ReadVarInt64();
        reader.EnsureEnd();
        return next;
    }

    public static void WriteUser(StateWriter writer, long appliedOffset, int partition, ReadOnlySpan<byte> state)
    {
        writer.Clear();
        writer.WriteByte(UserVersion);
        writer.WriteVarInt64(appliedOffset);
        writer.WriteVarInt64(partition);
        writer.WriteBytes(state);
    }

    public static StoredUser ReadUser(byte[] value)
    {
        var reader = new StateReader(value);
        CheckVersion(reader.ReadByte(), UserVersion, "user");
        var applied = reader.ReadVarInt64();
        var partition = reader.ReadVarInt64();
        if (partition is < 0 or > int.MaxValue)
        {
            throw new InvalidDataException($"Stored user record has partition {partition}.");
        }
        var state = reader.ReadBytes();
        reader.EnsureEnd();
        // The state bytes end the value, so the slice of the array needs no copy.
        return new StoredUser(applied, (int)partition, value.AsMemory(value.Length - state.Length));
    }

    private static void CheckVersion(byte version, byte known, string what)
    {
        if (version != known)
        {
            throw new InvalidDataException($"Stored {what} record has layout version {version}; this build reads version {known}.");
        }
    }
}

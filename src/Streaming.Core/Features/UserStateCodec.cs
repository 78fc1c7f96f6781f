using Streaming.Core.Encoding;
using Streaming.Core.Features.Context;
using Streaming.Core.Features.Fatigue;
using Streaming.Core.Features.LifeCycle;
using Streaming.Core.Features.Vectors;

namespace Streaming.Core.Features;

/// <summary>
/// The persisted form of a <see cref="UserState"/>: compact, versioned, built only from
/// <see cref="StateWriter"/> primitives. Encoding is deterministic (the same state gives the same
/// bytes), and decoding an encoding with the item vectors that built the state gives a state that
/// encodes to the same bytes and computes the same features. Every version ever written stays
/// decodable (pinned by golden tests).
/// </summary>
/// <remarks>
/// Layout, version 1 (varint = LEB128, zz = zig-zag varint; sections follow each other without
/// padding or length prefixes, each section's own layout is drawn beside its Write method):
/// <code>
/// +---------+-----------+-----------------------+-----------------------+-------------------------+
/// | version |  user_id  |   fatigue section     |   context section     |   life-cycle section    |
/// |   u8    |    zz     | FatigueState.Encoding | ContextState.Encoding | LifeCycleClusters.Write |
/// +---------+-----------+-----------------------+-----------------------+-------------------------+
///   byte 0    bytes 1..   after user_id           after fatigue           after context, to the end
/// </code>
/// The version comes first so a reader picks the layout before reading anything else; each
/// section's reader gets the version. The life-cycle section is last and must end exactly at the
/// end of the data (trailing bytes are a layout mismatch).
/// </remarks>
public static class UserStateCodec
{
    /// <summary>The version <see cref="Encode(UserState, StateWriter)"/> writes.</summary>
    public const byte CurrentVersion = 1;

    private const int InitialWriterCapacity = 16 * 1024;

    // 4 MiB holds a user with ~28,000 life-cycle items; larger encodings use a writer once.
    private const int MaxRetainedWriterCapacity = 4 * 1024 * 1024;

    [ThreadStatic]
    private static StateWriter? t_writer;

    /// <summary>Appends the encoding of <paramref name="state"/> to <paramref name="writer"/>.</summary>
    /// <param name="state">The state.</param>
    /// <param name="writer">The destination (reuse one and <see cref="StateWriter.Clear"/> it to avoid allocation).</param>
    public static void Encode(UserState state, StateWriter writer)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteByte(CurrentVersion);
        writer.WriteVarInt64(state.UserId);
        state.Fatigue.Write(writer);
        state.Context.Write(writer);
        state.LifeCycle.Write(writer);
    }

    /// <summary>Encodes <paramref name="state"/> into a new array.</summary>
    /// <param name="state">The state.</param>
    /// <returns>The encoding.</returns>
    public static byte[] Encode(UserState state)
    {
        // One writer per thread, reused: the only allocation is the result. Encode does not
        // re-enter itself, so a thread's writer is never in use twice at once.
        ArgumentNullException.ThrowIfNull(state);
        var estimate = EstimatedSize(state);
        var writer = estimate > MaxRetainedWriterCapacity ? new StateWriter(estimate) : t_writer ??= new StateWriter(InitialWriterCapacity);
        writer.Clear();
        try
        {
            Encode(state, writer);
            return writer.ToArray();
        }
        finally
        {
            if (writer == t_writer && writer.Capacity > MaxRetainedWriterCapacity)
            {
                // A rare huge user (a long life-cycle log) must not pin its buffer to the thread.
                t_writer = null;
            }
        }
    }

    /// <summary>
    /// A generous guess of the encoded size, dominated by the life-cycle log (d floats and a few
    /// varints per item) and the day window, so that a big user's writer is allocated once
    /// instead of doubling its way up. Only a capacity hint: the writer still grows if it is short.
    /// </summary>
    private static int EstimatedSize(UserState state)
    {
        var dim = state.LifeCycle.Dim;
        var size = 4096L + (state.LifeCycle.LogLength * ((4L * dim) + 32)) + (state.Fatigue.DayEventCount * 48L);
        return (int)Math.Min(size, Array.MaxLength);
    }

    /// <summary>
    /// Decodes a state written by any version up to <see cref="CurrentVersion"/>. Throws
    /// <see cref="InvalidDataException"/> for an unknown version, malformed bytes, or sizes the
    /// options cannot hold (d, T, K, B changed: the state must be rebuilt by replay).
    /// </summary>
    /// <param name="data">The encoding.</param>
    /// <param name="options">The options of the engines that will use the state.</param>
    /// <param name="vectors">The item vectors of the engine that will use the state: the 24-hour window's vectors are not stored but looked up here.</param>
    /// <returns>The state.</returns>
    public static UserState Decode(ReadOnlySpan<byte> data, FeatureOptions options, IItemVectors vectors)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(vectors);
        if (vectors.Dimension != options.EmbeddingDim)
        {
            throw new ArgumentException($"The item vectors have dimension {vectors.Dimension}, embedding.dim is {options.EmbeddingDim}.", nameof(vectors));
        }
        var reader = new StateReader(data);
        int version = reader.ReadByte();
        if (version is < 1 or > CurrentVersion)
        {
            throw new InvalidDataException($"Unknown user state encoding version {version}; this build reads 1..{CurrentVersion}.");
        }
        var userId = reader.ReadVarInt64();
        var fatigue = FatigueState.Read(ref reader, version, options, vectors);
        var context = ContextState.Read(ref reader, version, options);
        var lifeCycle = LifeCycleClusters.Read(ref reader, version, options);
        reader.EnsureEnd();
        return new UserState(userId, fatigue, lifeCycle, context);
    }
}

using Streaming.Core.Encoding;
using Streaming.Core.Features.Vectors;

namespace Streaming.Core.Features.Fatigue;

/// <summary>The persisted layout of the fatigue section; see <see cref="UserStateCodec"/> for the whole picture.</summary>
public sealed partial class FatigueState
{
    // Fatigue section, v1 (varint = LEB128, zz = zig-zag varint, f32 = little-endian float):
    //
    //   d, T, K                       varint x3   must equal the options' (else the state is rebuilt by replay)
    //   has_events                    u8          0 | 1
    //   [first_ts, latest_ts]         zz x2       only when has_events
    //   H:   n, n x (item zz, dts zz)             oldest first; dts = ts - previous ts (first: ts - 0)
    //   R:   n, n x (item zz, dts zz, e f32 x d)  oldest first, n <= T
    //   interests: n, n x (seed item zz, u f32 x d)
    //   day window: n, n x (dts zz, item zz, category zz)   in event-time order
    //
    // S and P are not stored: they are recomputed from R and the interests with the same dot
    // product that maintained them, which gives the same bits. Nor are the day window's vectors
    // (up to fatigue.max_day_events x d floats, 256 KiB at the defaults, 16x the rest): they are
    // looked up again in the item vectors when decoding, which gives the same floats from the same
    // vectors, and after a model swap puts the window in the new model's space, the one the
    // candidates' e(c) come from. R and the interests are learned state and keep their vectors.

    internal void Write(StateWriter writer)
    {
        writer.WriteCount(D);
        writer.WriteCount(T);
        writer.WriteCount(K);
        writer.WriteByte(HasEvents ? (byte)1 : (byte)0);
        if (HasEvents)
        {
            writer.WriteVarInt64(FirstTs);
            writer.WriteVarInt64(LatestTs);
        }

        writer.WriteCount(HistoryCount);
        var previous = 0L;
        for (var i = 0; i < HistoryCount; i++)
        {
            var slot = (HistoryHead + i) % HistoryItems.Length;
            writer.WriteVarInt64(HistoryItems[slot]);
            writer.WriteVarInt64(HistoryTs[slot] - previous);
            previous = HistoryTs[slot];
        }

        writer.WriteCount(RecentCount);
        previous = 0;
        for (var t = T - RecentCount; t < T; t++)
        {
            writer.WriteVarInt64(RecentItems[t]);
            writer.WriteVarInt64(RecentTs[t] - previous);
            previous = RecentTs[t];
            writer.WriteSingles(RecentVector(t));
        }

        writer.WriteCount(InterestCount);
        for (var k = 0; k < InterestCount; k++)
        {
            writer.WriteVarInt64(SeedItems[k]);
            writer.WriteSingles(Interest(k));
        }

        writer.WriteCount(Day.Count);
        previous = 0;
        for (var i = 0; i < Day.Count; i++)
        {
            var ts = Day.TsAt(i);
            writer.WriteVarInt64(ts - previous);
            previous = ts;
            ref readonly var ev = ref Day.PayloadAt(i);
            writer.WriteVarInt64(ev.ItemId);
            writer.WriteVarInt64(ev.Category);
        }
    }

    internal static FatigueState Read(ref StateReader reader, int encodingVersion, FeatureOptions options, IItemVectors vectors)
    {
        _ = encodingVersion; // v1 is the only layout so far.
        var state = new FatigueState(options);
        var d = reader.ReadCount();
        var t = reader.ReadCount();
        var k = reader.ReadCount();
        if (d != state.D || t != state.T || k != state.K)
        {
            throw new InvalidDataException(
                $"Fatigue state was encoded with d={d}, T={t}, K={k}; the options say d={state.D}, T={state.T}, K={state.K}. Rebuild the state by replay.");
        }
        state.HasEvents = ReadFlag(ref reader);
        if (state.HasEvents)
        {
            state.FirstTs = reader.ReadVarInt64();
            state.LatestTs = reader.ReadVarInt64();
        }

        var count = reader.ReadCount(reader.Remaining);
        var ts = 0L;
        for (var i = 0; i < count; i++)
        {
            var item = reader.ReadVarInt64();
            ts += reader.ReadVarInt64();
            state.PushHistory(item, ts); // a smaller fatigue.history keeps the newest
        }

        state.RecentCount = reader.ReadCount(state.T);
        ts = 0;
        for (var r = state.T - state.RecentCount; r < state.T; r++)
        {
            state.RecentItems[r] = reader.ReadVarInt64();
            ts += reader.ReadVarInt64();
            state.RecentTs[r] = ts;
            reader.ReadSingles(state.RecentVector(r));
        }

        state.InterestCount = reader.ReadCount(state.K);
        for (var i = 0; i < state.InterestCount; i++)
        {
            state.SeedItems[i] = reader.ReadVarInt64();
            reader.ReadSingles(state.Interest(i));
        }

        count = reader.ReadCount(reader.Remaining);
        ts = 0;
        var vector = new float[state.D];
        for (var i = 0; i < count; i++)
        {
            ts += reader.ReadVarInt64();
            var item = reader.ReadVarInt64();
            var category = checked((int)reader.ReadVarInt64());
            vectors.CopyVector(item, vector);
            state.Day.Insert(ts, new DayEvent(item, category), vector); // a smaller bound keeps the newest
        }

        if (!state.HasEvents && (state.HistoryCount | state.RecentCount | state.InterestCount | state.Day.Count) != 0)
        {
            throw new InvalidDataException("Malformed fatigue state: interactions without event times.");
        }
        FatigueEngine.RecomputeMatrices(state);
        return state;
    }

    private static bool ReadFlag(ref StateReader reader) => reader.ReadByte() switch
    {
        0 => false,
        1 => true,
        var other => throw new InvalidDataException($"Malformed fatigue state: flag byte {other}."),
    };
}

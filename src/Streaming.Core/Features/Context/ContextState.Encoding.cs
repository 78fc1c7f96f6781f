using Streaming.Core.Encoding;

namespace Streaming.Core.Features.Context;

/// <summary>The persisted layout of the context section; see <see cref="UserStateCodec"/> for the whole picture.</summary>
public sealed partial class ContextState
{
    // Context section, v1 (varint = LEB128, zz = zig-zag varint, f64 = little-endian double):
    //
    //   B                                   varint      must equal the options'
    //   recent plays: n, n x play           oldest first; play = duration zz, play_time zz, flags u8
    //   recent minutes: n, n x (dts zz, play)          event-time order; dts = ts - previous ts
    //   has_events                          u8          0 | 1
    //   [latest_ts zz, session_start zz, session_plays varint, session_watch_ms zz]   only when has_events
    //   has_long_term                       u8          0 | 1
    //   [latest_day zz]                                 only when has_long_term
    //   days: n, n x (day zz, B x (plays varint, long_views varint, completion_sum f64))   in slot order
    //
    // Buckets and rates are derived when read, so only raw plays are stored.

    internal void Write(StateWriter writer)
    {
        writer.WriteCount(BucketCount);

        writer.WriteCount(RecentCount);
        for (var i = 0; i < RecentCount; i++)
        {
            WritePlay(writer, RecentAt(i));
        }

        writer.WriteCount(RecentMinutesWindow.Count);
        var previous = 0L;
        for (var i = 0; i < RecentMinutesWindow.Count; i++)
        {
            var ts = RecentMinutesWindow.TsAt(i);
            writer.WriteVarInt64(ts - previous);
            previous = ts;
            WritePlay(writer, RecentMinutesWindow.PayloadAt(i));
        }

        writer.WriteByte(HasEvents ? (byte)1 : (byte)0);
        if (HasEvents)
        {
            writer.WriteVarInt64(LatestTs);
            writer.WriteVarInt64(SessionStartTs);
            writer.WriteCount(SessionPlays);
            writer.WriteVarInt64(SessionWatchMs);
        }

        writer.WriteByte(HasLongTerm ? (byte)1 : (byte)0);
        if (HasLongTerm)
        {
            writer.WriteVarInt64(LatestDay);
        }
        var days = 0;
        foreach (var day in SlotDay)
        {
            days += day != long.MinValue ? 1 : 0;
        }
        writer.WriteCount(days);
        for (var slot = 0; slot < LongTermDays; slot++)
        {
            if (SlotDay[slot] == long.MinValue)
            {
                continue;
            }
            writer.WriteVarInt64(SlotDay[slot]);
            for (var b = 0; b < BucketCount; b++)
            {
                var index = (slot * BucketCount) + b;
                writer.WriteCount(DayPlays[index]);
                writer.WriteCount(DayLongViews[index]);
                writer.WriteDouble(DayCompletion[index]);
            }
        }
    }

    internal static ContextState Read(ref StateReader reader, int encodingVersion, FeatureOptions options)
    {
        _ = encodingVersion; // v1 is the only layout so far.
        var state = new ContextState(options);
        var buckets = reader.ReadCount();
        if (buckets != state.BucketCount)
        {
            throw new InvalidDataException(
                $"Context state was encoded with {buckets} duration buckets; the options have {state.BucketCount}. Rebuild the state by replay.");
        }

        var count = reader.ReadCount(reader.Remaining);
        for (var i = 0; i < count; i++)
        {
            state.PushRecent(ReadPlay(ref reader)); // a smaller cdum.recent_plays keeps the newest
        }

        count = reader.ReadCount(reader.Remaining);
        var ts = 0L;
        for (var i = 0; i < count; i++)
        {
            ts += reader.ReadVarInt64();
            state.RecentMinutesWindow.Insert(ts, ReadPlay(ref reader), []);
        }

        state.HasEvents = ReadFlag(ref reader);
        if (state.HasEvents)
        {
            state.LatestTs = reader.ReadVarInt64();
            state.SessionStartTs = reader.ReadVarInt64();
            state.SessionPlays = reader.ReadCount();
            state.SessionWatchMs = reader.ReadVarInt64();
        }

        state.HasLongTerm = ReadFlag(ref reader);
        if (state.HasLongTerm)
        {
            state.LatestDay = reader.ReadVarInt64();
        }
        count = reader.ReadCount(reader.Remaining);
        for (var i = 0; i < count; i++)
        {
            var day = reader.ReadVarInt64();
            var slot = state.SlotOf(day);
            // Same L: every day goes back to its own slot. Another L: the newest day per slot wins.
            var keep = day > state.SlotDay[slot];
            if (keep)
            {
                state.SlotDay[slot] = day;
            }
            for (var b = 0; b < state.BucketCount; b++)
            {
                var plays = reader.ReadCount();
                var longViews = reader.ReadCount();
                var completion = reader.ReadDouble();
                if (keep)
                {
                    var index = (slot * state.BucketCount) + b;
                    state.DayPlays[index] = plays;
                    state.DayLongViews[index] = longViews;
                    state.DayCompletion[index] = completion;
                }
            }
        }
        return state;
    }

    private static void WritePlay(StateWriter writer, in PlayRecord play)
    {
        writer.WriteVarInt64(play.DurationMs);
        writer.WriteVarInt64(play.PlayTimeMs);
        writer.WriteByte(play.Flags);
    }

    private static PlayRecord ReadPlay(ref StateReader reader)
    {
        var duration = checked((int)reader.ReadVarInt64());
        var play = checked((int)reader.ReadVarInt64());
        var flags = reader.ReadByte();
        if (flags > (PlayRecord.LongViewFlag | PlayRecord.EngagedFlag))
        {
            throw new InvalidDataException($"Malformed context state: play flags {flags}.");
        }
        return new PlayRecord(duration, play, flags);
    }

    private static bool ReadFlag(ref StateReader reader) => reader.ReadByte() switch
    {
        0 => false,
        1 => true,
        var other => throw new InvalidDataException($"Malformed context state: flag byte {other}."),
    };
}

using CsCheck;
using Streaming.Core.Events;
using static Streaming.Core.Tests.Features.Reference.ReferenceMath;

namespace Streaming.Core.Tests.Features.Reference;

/// <summary>
/// Generators of one user's event sequences: small item pools (repeats and similar items happen),
/// gaps that hit the window edges exactly (30 min, 1 h, 3 h, 24 h, 29 and 30 days), zero and
/// negative gaps (out-of-order event times), unknown durations and bucket edges.
/// </summary>
internal static class EventSequences
{
    public const long UserId = 7;

    // 2022-04-15T00:00:00Z: sequences that start on a UTC midnight cross day edges exactly.
    private const long Midnight = 1_649_980_800_000;

    private static readonly Gen<long> s_gap = Gen.Frequency(
        (5, Gen.Long[0, 20 * MinuteMs]),
        (3, Gen.OneOf(0L, 1L, 30 * MinuteMs, (30 * MinuteMs) + 1, HourMs, 3 * HourMs, DayMs, DayMs + 1, 29 * DayMs, 30 * DayMs)),
        (1, Gen.Long[HourMs, 2 * DayMs]),
        (2, Gen.Long[-DayMs - HourMs, -1]),
        (1, Gen.OneOf(-HourMs, -30 * MinuteMs, -DayMs)));

    private static readonly Gen<int> s_duration = Gen.Frequency(
        (2, Gen.Const(0)),
        (3, Gen.OneOf(6_999, 7_000, 15_000, 29_999, 60_000, 180_000)),
        (5, Gen.Int[1, 300_000]));

    private static readonly Gen<int> s_play = Gen.Frequency(
        (2, Gen.OneOf(0, 2_999, 3_000)),
        (5, Gen.Int[0, 400_000]));

    private static readonly Gen<(long Item, int Category, int Duration, int Play, int Flags, long Gap)> s_step =
        Gen.Select(Gen.Long[1, 8], Gen.Int[-1, 2], s_duration, s_play, Gen.Int[0, 127], s_gap);

    /// <summary>A sequence of 1..<paramref name="maxLength"/> events of user <see cref="UserId"/>.</summary>
    public static Gen<List<Interaction>> Sequence(int maxLength) =>
        Gen.Select(Gen.OneOf(Gen.Const(Midnight), Gen.Long[1_600_000_000_000, 1_700_000_000_000]), Gen.Bool, s_step.Array[1, maxLength])
            .Select((start, tinyPool, steps) =>
            {
                var events = new List<Interaction>(steps.Length);
                var ts = start;
                for (var i = 0; i < steps.Length; i++)
                {
                    var s = steps[i];
                    ts = i == 0 ? ts : ts + s.Gap;
                    events.Add(new Interaction
                    {
                        EventId = $"{UserId}-{ts}-{i}",
                        UserId = UserId,
                        ItemId = tinyPool ? 1 + (s.Item % 2) : s.Item,
                        Category = s.Category,
                        DurationMs = s.Duration,
                        PlayTimeMs = s.Play,
                        TsMs = ts,
                        Click = (s.Flags & 1) != 0,
                        LongView = (s.Flags & 2) != 0,
                        Like = (s.Flags & 4) != 0,
                        Follow = (s.Flags & 8) != 0,
                        Comment = (s.Flags & 16) != 0,
                        Forward = (s.Flags & 32) != 0,
                        Hate = (s.Flags & 64) != 0,
                    });
                }
                return events;
            });

    /// <summary>
    /// Scoring times to check after event <paramref name="index"/>: at and just past the latest
    /// time W, exactly on and one millisecond inside every window edge of the newest event, and on
    /// UTC midnights; all at or after W.
    /// </summary>
    public static IEnumerable<long> ProbeTimes(IReadOnlyList<Interaction> events, int index, IReadOnlyList<long> windowsMs)
    {
        var latest = events.Take(index + 1).Max(e => e.TsMs);
        var newest = events[index].TsMs;
        long[] offsets = [0, 1, 30 * MinuteMs, (30 * MinuteMs) + 1, HourMs - 1, 3 * HourMs, DayMs - 1, DayMs, 2 * DayMs];
        yield return latest + offsets[index % offsets.Length];
        yield return latest + offsets[(index + 4) % offsets.Length];
        foreach (var w in windowsMs.Append(30 * MinuteMs))
        {
            foreach (var t in new[] { newest + w - 1, newest + w })
            {
                if (t >= latest)
                {
                    yield return t;
                }
            }
        }
        var nextMidnight = (DayOf(latest) + 1) * DayMs;
        yield return nextMidnight - 1;
        yield return nextMidnight + (29 * DayMs) - 1;
        yield return nextMidnight + (29 * DayMs);
    }

    /// <summary>
    /// Runs <paramref name="check"/> on <paramref name="count"/> samples drawn from
    /// <paramref name="gen"/> with a fixed seed: the property is checked on many random inputs,
    /// yet every run sees the same ones.
    /// </summary>
    public static void ForEachSample<T>(Gen<T> gen, int count, ulong seed, Action<T> check)
    {
        var pcg = new PCG(1, seed);
        for (var i = 0; i < count; i++)
        {
            check(gen.Generate(pcg, null, out _));
        }
    }
}

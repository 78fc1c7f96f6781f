using System.Globalization;

namespace Streaming.Pipeline.Replay;

/// <summary>
/// One end of a replay range, as the command line gives it: <c>partition:offset,…</c> (exact
/// offsets; a start names the partitions to replay, an end leaves unnamed partitions at their end),
/// <c>time:ISO-8601</c> (in every partition, the first offset whose record timestamp is at or after
/// that instant), <c>start</c> (each partition's first retained offset) or <c>end</c> (each
/// partition's high watermark when the replay starts).
/// </summary>
public abstract record RangeBound
{
    private RangeBound()
    {
    }

    /// <summary>Parses a bound; throws <see cref="FormatException"/> naming what is wrong.</summary>
    public static RangeBound Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = text.Trim();
        if (text == "end")
        {
            return new End();
        }
        if (text == "start")
        {
            return new Start();
        }
        if (text.StartsWith("time:", StringComparison.Ordinal))
        {
            var iso = text["time:".Length..];
            if (!DateTimeOffset.TryParse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant))
            {
                throw new FormatException($"'{iso}' is not an ISO-8601 time (e.g. 2024-05-01T10:00:00Z).");
            }
            return new Time(instant);
        }
        var offsets = new SortedDictionary<int, long>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = part.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0
                || !int.TryParse(part.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var partition)
                || !long.TryParse(part.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
            {
                throw new FormatException($"'{part}' is not partition:offset (both non-negative integers).");
            }
            if (!offsets.TryAdd(partition, offset))
            {
                throw new FormatException($"Partition {partition} is named twice.");
            }
        }
        if (offsets.Count == 0)
        {
            throw new FormatException($"'{text}' is not a range bound: partition:offset,…, time:ISO-8601, start or end.");
        }
        return new Offsets(offsets);
    }

    /// <summary>Exact next offsets per partition.</summary>
    /// <param name="ByPartition">Partition to offset, ascending by partition.</param>
    public sealed record Offsets(IReadOnlyDictionary<int, long> ByPartition) : RangeBound;

    /// <summary>An instant: per partition the first offset whose record timestamp is at or after it.</summary>
    /// <param name="Instant">The instant.</param>
    public sealed record Time(DateTimeOffset Instant) : RangeBound;

    /// <summary>Each partition's first retained offset (its low watermark).</summary>
    public sealed record Start : RangeBound;

    /// <summary>Each partition's high watermark when the range is resolved.</summary>
    public sealed record End : RangeBound;
}

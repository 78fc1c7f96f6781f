namespace Streaming.Pipeline.Replay;

/// <summary>
/// Time to offset where the broker cannot answer (the embedded broker's OffsetsForTimes returns -1):
/// a binary search over a partition's records, Kafka's own semantics: the first offset whose
/// record timestamp is at or after the target. It assumes timestamps do not decrease along the
/// partition (true of append-time topics and of producers that stamp in order); offsets with no
/// record (deleted, compacted, transaction markers) are handled by the probe returning the next
/// record.
/// </summary>
public static class TimestampSearch
{
    /// <summary>
    /// The first offset in [<paramref name="low"/>, <paramref name="high"/>] before which every
    /// record is older than <paramref name="targetMs"/>: the offset of the first record at or after
    /// the target, or <paramref name="high"/> when none is.
    /// </summary>
    /// <param name="low">The partition's first offset to consider (its low watermark).</param>
    /// <param name="high">The end of the search (the high watermark), exclusive.</param>
    /// <param name="targetMs">The target time, epoch milliseconds.</param>
    /// <param name="probe">The first record at or after an offset, or null when there is none before <paramref name="high"/>.</param>
    /// <param name="probes">How many probes the search made (about log2 of the range).</param>
    public static long FirstOffsetAtOrAfter(long low, long high, long targetMs, Func<long, RecordStamp?> probe, out int probes)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(low, high);
        probes = 0;
        // Invariant: every record before lo is older than the target; the answer is at most hi.
        var lo = low;
        var hi = high;
        while (lo < hi)
        {
            var mid = lo + ((hi - lo) / 2);
            var record = probe(mid);
            probes++;
            if (record is not { } found || found.Offset >= hi || found.TimestampMs >= targetMs)
            {
                // No record in [mid, found) at all, so the answer is at most mid.
                hi = mid;
            }
            else
            {
                lo = found.Offset + 1;
            }
        }
        return lo;
    }
}

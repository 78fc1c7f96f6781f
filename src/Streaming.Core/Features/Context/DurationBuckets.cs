namespace Streaming.Core.Features.Context;

/// <summary>
/// The duration buckets of SPEC §5 (<c>cdum.bucket_edges_s</c>). An edge value belongs to the
/// upper bucket: bucket b is the number of edges at or below the duration, so with the default
/// edges [7, 15, 30, 60, 180] s the buckets are [0, 7), [7, 15), [15, 30), [30, 60), [60, 180)
/// and [180, ∞) seconds. Duration 0 (or less) is the unknown bucket, -1.
/// </summary>
public sealed class DurationBuckets
{
    private readonly long[] _edgesMs;

    /// <summary>Creates the buckets of strictly increasing, positive edges given in seconds.</summary>
    /// <param name="edgesS">The edges, seconds; each is compared in whole milliseconds (rounded).</param>
    public DurationBuckets(IReadOnlyList<double> edgesS)
    {
        ArgumentNullException.ThrowIfNull(edgesS);
        _edgesMs = new long[edgesS.Count];
        for (var i = 0; i < edgesS.Count; i++)
        {
            _edgesMs[i] = (long)Math.Round(edgesS[i] * 1000.0);
            if (_edgesMs[i] <= 0 || (i > 0 && _edgesMs[i] <= _edgesMs[i - 1]))
            {
                throw new ArgumentException("cdum.bucket_edges_s must be positive and strictly increasing.", nameof(edgesS));
            }
        }
    }

    /// <summary>B, the number of known buckets (edges + 1).</summary>
    public int Count => _edgesMs.Length + 1;

    /// <summary>The bucket of a duration: the number of edges at or below it, or -1 when the duration is unknown (0).</summary>
    /// <param name="durationMs">The duration, milliseconds.</param>
    /// <returns>0 .. B - 1, or -1.</returns>
    public int BucketOf(long durationMs)
    {
        if (durationMs <= 0)
        {
            return -1;
        }
        var bucket = 0;
        while (bucket < _edgesMs.Length && _edgesMs[bucket] <= durationMs)
        {
            bucket++;
        }
        return bucket;
    }
}

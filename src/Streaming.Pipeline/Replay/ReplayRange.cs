using System.Globalization;

namespace Streaming.Pipeline.Replay;

/// <summary>
/// A resolved replay range: per partition the first offset replayed and the offset it stops
/// before (exclusive). A partition whose start equals its end replays nothing.
/// </summary>
/// <param name="Topic">The input topic.</param>
/// <param name="Start">Partition to first offset, ascending by partition.</param>
/// <param name="End">Partition to end offset (exclusive), the same partitions as <paramref name="Start"/>.</param>
public sealed record ReplayRange(string Topic, IReadOnlyDictionary<int, long> Start, IReadOnlyDictionary<int, long> End)
{
    /// <summary>Records the range covers (offsets, counting any the broker no longer holds).</summary>
    public long Records => Start.Sum(kv => End[kv.Key] - kv.Value);

    /// <summary>The range as <c>p:start-end,…</c>, for logs and reports.</summary>
    public override string ToString() =>
        string.Join(",", Start.OrderBy(kv => kv.Key).Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key}:{kv.Value}-{End[kv.Key]}")));

    /// <summary>Throws <see cref="ArgumentException"/> when the partitions differ or a start is after its end.</summary>
    public void EnsureValid()
    {
        if (Start.Count != End.Count || Start.Keys.Any(p => !End.ContainsKey(p)))
        {
            throw new ArgumentException("The range's start and end name different partitions.");
        }
        foreach (var (partition, start) in Start)
        {
            if (start < 0 || start > End[partition])
            {
                throw new ArgumentException($"Partition {partition}: start {start} is after end {End[partition]} (or negative).");
            }
        }
    }
}

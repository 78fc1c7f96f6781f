using System.Globalization;

namespace Streaming.Inference.Benchmarking;

/// <summary>
/// The markdown table of a comparison: one row per batch size; per sweep candidates/s and p50/p99
/// batch latency; for every sweep after the first, its rate as a multiple of the first's.
/// </summary>
public static class SweepTable
{
    /// <summary>What a cell without a measurement shows.</summary>
    public const string Gap = "–";

    /// <summary>The table's lines: heading, alignment row, then the batch sizes ascending.</summary>
    public static IReadOnlyList<string> Markdown(IReadOnlyList<ProviderSweep> sweeps)
    {
        ArgumentNullException.ThrowIfNull(sweeps);
        if (sweeps.Count == 0)
        {
            throw new ArgumentException("A table needs at least one sweep.", nameof(sweeps));
        }

        var baseline = sweeps[0];
        var heading = new List<string> { "batch" };
        var alignment = new List<string> { "---:" };
        for (var s = 0; s < sweeps.Count; s++)
        {
            var name = sweeps[s].Name;
            heading.AddRange([$"{name} cand/s", $"{name} p50 ms", $"{name} p99 ms"]);
            alignment.AddRange(["---:", "---:", "---:"]);
            if (s > 0)
            {
                heading.Add($"{name} / {baseline.Name}");
                alignment.Add("---:");
            }
        }

        var lines = new List<string> { Row(heading), Row(alignment) };
        var sizes = sweeps.SelectMany(s => s.Measurements).Select(m => m.BatchSize).Distinct().Order();
        foreach (var size in sizes)
        {
            var cells = new List<string> { size.ToString(CultureInfo.InvariantCulture) };
            var reference = baseline.At(size);
            for (var s = 0; s < sweeps.Count; s++)
            {
                var m = sweeps[s].At(size);
                cells.Add(m is null ? Gap : m.CandidatesPerSecond.ToString("N0", CultureInfo.InvariantCulture));
                cells.Add(m is null ? Gap : m.P50Ms.ToString("F3", CultureInfo.InvariantCulture));
                cells.Add(m is null ? Gap : m.P99Ms.ToString("F3", CultureInfo.InvariantCulture));
                if (s > 0)
                {
                    cells.Add(m is null || reference is null || reference.CandidatesPerSecond <= 0
                        ? Gap
                        : (m.CandidatesPerSecond / reference.CandidatesPerSecond).ToString("F2", CultureInfo.InvariantCulture) + "x");
                }
            }

            lines.Add(Row(cells));
        }

        return lines;
    }

    private static string Row(IEnumerable<string> cells) => "| " + string.Join(" | ", cells) + " |";
}

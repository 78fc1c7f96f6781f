using System.Globalization;

namespace Streaming.Host.Replay;

/// <summary>
/// Parses the pinned model sets of <c>replay</c>: <c>--models fatigue=1,uplift=1</c>, and a second
/// set either after a semicolon (<c>--models "fatigue=1,uplift=1;fatigue=2,uplift=1"</c>) or in
/// <c>--compare fatigue=2,uplift=1</c>. A stage a set does not name serves the registry's newest
/// version at the start, pinned for the run.
/// </summary>
public static class ModelSets
{
    /// <summary>The sets named by <paramref name="models"/> and <paramref name="compare"/> (one or two).</summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, long>> Parse(string? models, string? compare)
    {
        var sets = new List<IReadOnlyDictionary<string, long>>();
        foreach (var text in (models ?? "").Split(';', StringSplitOptions.TrimEntries))
        {
            sets.Add(ParseSet(text));
        }
        if (compare is not null)
        {
            sets.Add(ParseSet(compare));
        }
        if (sets.Count > 2)
        {
            throw new UsageException("At most two model sets can be compared.");
        }
        return sets;
    }

    private static SortedDictionary<string, long> ParseSet(string text)
    {
        var set = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || !long.TryParse(part.AsSpan(eq + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var version) || version <= 0)
            {
                throw new UsageException($"'{part}' is not stage=version (a positive version).");
            }
            if (!set.TryAdd(part[..eq], version))
            {
                throw new UsageException($"Stage '{part[..eq]}' is named twice in one model set.");
            }
        }
        return set;
    }
}

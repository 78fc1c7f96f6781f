using System.Globalization;
using Streaming.Core.Events;

namespace Streaming.Core.Datasets;

/// <summary>
/// Reads the KuaiRand log format (see <c>docs/datasets.md</c>) lazily from a
/// <see cref="TextReader"/>: a header line naming the columns, then one exposure per line. Blank
/// lines are skipped and are not data rows; <c>row</c> is the 0-based index of a data row
/// (malformed rows count too, so event ids do not depend on the failure policy).
/// A malformed row is a <see cref="FormatException"/> naming its 1-based line number (the header
/// is line 1) and column: thrown from the enumeration, or, when the caller passes
/// <c>onMalformedRow</c>, handed to it and the row skipped. A bad header always throws.
/// </summary>
public static class KuaiRandReader
{
    /// <summary>
    /// Every row as an <see cref="Interaction"/> in file order, exactly as SPEC §8 maps it:
    /// <c>event_id</c> = <c>&lt;user_id&gt;-&lt;time_ms&gt;-&lt;row&gt;</c>, author and category -1,
    /// flags and times copied, <c>tab</c> when the column exists, no request id.
    /// </summary>
    /// <param name="reader">The CSV text; read on enumeration, not closed.</param>
    /// <param name="onMalformedRow">Null to throw on a malformed row; else called with the error and the row is skipped.</param>
    /// <exception cref="FormatException">On enumeration: a missing header column, or a malformed row without <paramref name="onMalformedRow"/>.</exception>
    public static IEnumerable<Interaction> ReadInteractions(TextReader reader, Action<FormatException>? onMalformedRow = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return Rows(reader, onMalformedRow).Select(static row => row.ToInteraction(requestId: null));
    }

    /// <summary>
    /// The rows as interactions, each group of rows (per <paramref name="rule"/>) preceded by a
    /// derived <see cref="ScoringRequest"/>: <c>request_id</c> = <c>kr-&lt;user_id&gt;-&lt;first row&gt;</c>,
    /// <c>ts_ms</c> = the group's first <c>time_ms</c>, one candidate per row in row order (author
    /// and category -1, the row's duration), no treatment (KuaiRand logged none). The group's
    /// interactions carry that request id and are otherwise those of <see cref="ReadInteractions"/>.
    /// Rows stay in file order; at most <see cref="KuaiRandRequestRule.MaxRows"/> rows are buffered.
    /// </summary>
    /// <param name="reader">The CSV text; read on enumeration, not closed.</param>
    /// <param name="rule">The grouping rule; null for <see cref="KuaiRandRequestRule.Default"/> (60 s, 20 rows).</param>
    /// <param name="onMalformedRow">Null to throw on a malformed row; else called with the error and the row is skipped.</param>
    /// <exception cref="FormatException">On enumeration: a missing header column, or a malformed row without <paramref name="onMalformedRow"/>.</exception>
    public static IEnumerable<DatasetEvent> ReadWithRequests(TextReader reader, KuaiRandRequestRule? rule = null, Action<FormatException>? onMalformedRow = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        rule ??= KuaiRandRequestRule.Default;
        rule.Validate();
        return Grouped(reader, rule, onMalformedRow);
    }

    private static IEnumerable<KuaiRandRow> Rows(TextReader reader, Action<FormatException>? onMalformedRow)
    {
        var parser = KuaiRandRowParser.ReadHeader(reader);
        var lineNumber = 1L;
        var row = 0L;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var index = row++;
            if (onMalformedRow is null)
            {
                yield return parser.Parse(line, lineNumber, index);
            }
            else if (parser.TryParse(line, lineNumber, index, out var parsed, out var error))
            {
                yield return parsed;
            }
            else
            {
                onMalformedRow(error);
            }
        }
    }

    private static IEnumerable<DatasetEvent> Grouped(TextReader reader, KuaiRandRequestRule rule, Action<FormatException>? onMalformedRow)
    {
        var group = new List<KuaiRandRow>(rule.MaxRows);
        foreach (var row in Rows(reader, onMalformedRow))
        {
            if (group.Count > 0 && !Joins(group, row, rule))
            {
                foreach (var e in Flush(group))
                {
                    yield return e;
                }

                group.Clear();
            }

            group.Add(row);
        }

        if (group.Count > 0)
        {
            foreach (var e in Flush(group))
            {
                yield return e;
            }
        }
    }

    private static bool Joins(List<KuaiRandRow> group, KuaiRandRow row, KuaiRandRequestRule rule)
    {
        var first = group[0];
        if (row.UserId != first.UserId || group.Count >= rule.MaxRows)
        {
            return false;
        }

        var offset = row.TimeMs - first.TimeMs;
        if (offset < 0 || offset > rule.MaxSpanMs)
        {
            return false;
        }

        // One candidate per item: outcomes join to candidates by (request_id, item_id).
        foreach (var member in group)
        {
            if (member.VideoId == row.VideoId)
            {
                return false;
            }
        }

        return true;
    }

    private static IEnumerable<DatasetEvent> Flush(List<KuaiRandRow> group)
    {
        var first = group[0];
        var requestId = string.Create(CultureInfo.InvariantCulture, $"kr-{first.UserId}-{first.Row}");
        var candidates = new Candidate[group.Count];
        for (var i = 0; i < candidates.Length; i++)
        {
            candidates[i] = new Candidate(group[i].VideoId, AuthorId: -1, Category: -1, group[i].DurationMs);
        }

        yield return new ScoringRequest
        {
            RequestId = requestId,
            UserId = first.UserId,
            TsMs = first.TimeMs,
            Candidates = candidates,
            Treatment = null,
        };
        foreach (var row in group)
        {
            yield return row.ToInteraction(requestId);
        }
    }
}

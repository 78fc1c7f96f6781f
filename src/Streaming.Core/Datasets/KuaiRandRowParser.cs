using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Streaming.Core.Datasets;

/// <summary>
/// Splits and parses KuaiRand CSV lines: columns are found by name in the header, fields are plain
/// (the log has no quoting), numbers are invariant integers, flags are 0 or 1.
/// </summary>
internal sealed class KuaiRandRowParser
{
    private const string UserId = "user_id";
    private const string VideoId = "video_id";
    private const string TimeMs = "time_ms";
    private const string IsClick = "is_click";
    private const string IsLike = "is_like";
    private const string IsFollow = "is_follow";
    private const string IsComment = "is_comment";
    private const string IsForward = "is_forward";
    private const string IsHate = "is_hate";
    private const string LongView = "long_view";
    private const string PlayTimeMs = "play_time_ms";
    private const string DurationMs = "duration_ms";
    private const string Tab = "tab";

    private static readonly string[] s_required =
        [UserId, VideoId, TimeMs, IsClick, IsLike, IsFollow, IsComment, IsForward, IsHate, LongView, PlayTimeMs, DurationMs];

    private readonly string[] _names;
    private readonly Dictionary<string, int> _index;
    private readonly Range[] _fields; // one spare slot detects too many fields

    private KuaiRandRowParser(string[] names)
    {
        _names = names;
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < names.Length; i++)
        {
            _index.TryAdd(names[i], i);
        }

        _fields = new Range[names.Length + 1];
    }

    /// <summary>Reads the header (line 1) from <paramref name="reader"/>.</summary>
    /// <exception cref="FormatException">The header is missing or lacks a required column.</exception>
    public static KuaiRandRowParser ReadHeader(TextReader reader)
    {
        var header = reader.ReadLine()
            ?? throw new FormatException("KuaiRand CSV line 1: the input is empty; a header line is required.");
        var names = header.TrimStart('\uFEFF').Split(',');
        for (var i = 0; i < names.Length; i++)
        {
            names[i] = names[i].Trim();
        }

        var parser = new KuaiRandRowParser(names);
        foreach (var column in s_required)
        {
            if (!parser._index.ContainsKey(column))
            {
                throw new FormatException($"KuaiRand CSV line 1: the header has no column '{column}'.");
            }
        }

        return parser;
    }

    /// <summary>Parses data row number <paramref name="row"/> found on <paramref name="lineNumber"/>.</summary>
    /// <exception cref="FormatException">Wrong field count or a value that does not parse; names the line and column.</exception>
    public KuaiRandRow Parse(string line, long lineNumber, long row)
    {
        var span = line.AsSpan();
        var count = span.Split(_fields, ',');
        if (count != _names.Length)
        {
            throw new FormatException(
                $"KuaiRand CSV line {lineNumber}: expected {_names.Length} fields as in the header, found {(count > _names.Length ? "more" : count.ToString(CultureInfo.InvariantCulture))}.");
        }

        return new KuaiRandRow(
            row,
            Long(span, UserId, lineNumber),
            Long(span, VideoId, lineNumber),
            Long(span, TimeMs, lineNumber),
            Flag(span, IsClick, lineNumber),
            Flag(span, IsLike, lineNumber),
            Flag(span, IsFollow, lineNumber),
            Flag(span, IsComment, lineNumber),
            Flag(span, IsForward, lineNumber),
            Flag(span, IsHate, lineNumber),
            Flag(span, LongView, lineNumber),
            Int(span, PlayTimeMs, lineNumber),
            Int(span, DurationMs, lineNumber),
            _index.ContainsKey(Tab) ? Int(span, Tab, lineNumber) : null);
    }

    /// <summary>
    /// <see cref="Parse"/> for callers that skip malformed rows. The malformed path allocates an
    /// exception, which is fine: it is the rare path and the caller reports it.
    /// </summary>
    public bool TryParse(string line, long lineNumber, long row, out KuaiRandRow parsed, [NotNullWhen(false)] out FormatException? error)
    {
        try
        {
            parsed = Parse(line, lineNumber, row);
            error = null;
            return true;
        }
        catch (FormatException e)
        {
            parsed = default;
            error = e;
            return false;
        }
    }

    private ReadOnlySpan<char> Field(ReadOnlySpan<char> line, string column) => line[_fields[_index[column]]].Trim();

    private long Long(ReadOnlySpan<char> line, string column, long lineNumber)
    {
        var field = Field(line, column);
        return long.TryParse(field, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Malformed(lineNumber, column, field, "an integer");
    }

    private int Int(ReadOnlySpan<char> line, string column, long lineNumber)
    {
        var field = Field(line, column);
        return int.TryParse(field, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Malformed(lineNumber, column, field, "a 32-bit integer");
    }

    private bool Flag(ReadOnlySpan<char> line, string column, long lineNumber)
    {
        var field = Field(line, column);
        return field switch
        {
            "0" => false,
            "1" => true,
            _ => throw Malformed(lineNumber, column, field, "0 or 1"),
        };
    }

    private static FormatException Malformed(long lineNumber, string column, ReadOnlySpan<char> field, string expected) =>
        new($"KuaiRand CSV line {lineNumber}, column '{column}': '{field.ToString()}' is not {expected}.");
}

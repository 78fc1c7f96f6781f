namespace Streaming.Core.Datasets;

/// <summary>
/// How <see cref="KuaiRandReader.ReadWithRequests(TextReader, KuaiRandRequestRule?, Action{FormatException}?)"/> groups
/// exposures into scoring requests. A row joins the open group when it has the group's user,
/// <c>0 &lt;= time_ms - first time_ms &lt;= MaxSpanMs</c>, the group has fewer than
/// <see cref="MaxRows"/> rows, and its item is not already in the group; otherwise it opens the
/// next group.
/// </summary>
public sealed record KuaiRandRequestRule
{
    /// <summary>The default rule: 60 seconds, 20 rows.</summary>
    public static KuaiRandRequestRule Default { get; } = new();

    /// <summary>Longest time from a group's first row to any of its rows, milliseconds.</summary>
    public long MaxSpanMs { get; init; } = 60_000;

    /// <summary>Most rows (candidates) in one group.</summary>
    public int MaxRows { get; init; } = 20;

    /// <summary>Checks the rule.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(MaxSpanMs, nameof(MaxSpanMs));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRows, 1, nameof(MaxRows));
    }
}

namespace Streaming.Training.Models.Fatigue;

/// <summary>
/// The items that get a learned ID offset in <see cref="FatigueModel"/>: row 0 of the offset
/// table is every unknown item (kept at zero), item <c>Items[i]</c> owns row <c>i + 1</c>.
/// Immutable.
/// </summary>
public sealed class ItemVocabulary
{
    /// <summary>The default cap: 100,000 items × 32 floats is a 12.8 MB table (and as much again twice in Adam's state).</summary>
    public const int DefaultCapacity = 100_000;

    private readonly Dictionary<long, int> _rowOfItem;

    private ItemVocabulary(IReadOnlyList<long> items, Dictionary<long, int> rowOfItem)
    {
        Items = items;
        _rowOfItem = rowOfItem;
    }

    /// <summary>The known items, in row order.</summary>
    public IReadOnlyList<long> Items { get; }

    /// <summary>Number of known items.</summary>
    public int Count => Items.Count;

    /// <summary>The offset-table row of <paramref name="itemId"/>: 1-based for a known item, 0 for an unknown one.</summary>
    public int RowOf(long itemId) => _rowOfItem.TryGetValue(itemId, out var row) ? row : 0;

    /// <summary>A vocabulary of <paramref name="items"/> in their order; a repeated item keeps its first row.</summary>
    public static ItemVocabulary Of(IEnumerable<long> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var list = new List<long>();
        var rows = new Dictionary<long, int>();
        foreach (var item in items)
        {
            if (rows.TryAdd(item, list.Count + 1))
            {
                list.Add(item);
            }
        }

        return new ItemVocabulary(list, rows);
    }

    /// <summary>
    /// The <paramref name="capacity"/> most frequent of <paramref name="itemIds"/> (one id per
    /// training row), most frequent first, lower id first among equals, so the same rows always
    /// give the same vocabulary.
    /// </summary>
    public static ItemVocabulary MostFrequent(IEnumerable<long> itemIds, int capacity = DefaultCapacity)
    {
        ArgumentNullException.ThrowIfNull(itemIds);
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        var counts = new Dictionary<long, int>();
        foreach (var id in itemIds)
        {
            counts[id] = counts.GetValueOrDefault(id) + 1;
        }

        return Of(counts
            .OrderByDescending(kv => kv.Value)
            .ThenBy(kv => kv.Key)
            .Take(capacity)
            .Select(kv => kv.Key));
    }
}

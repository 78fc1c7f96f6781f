using System.Globalization;

namespace Streaming.Core.Features.Vectors;

/// <summary>
/// Trained item vectors loaded from a CSV table (SPEC §2, §8 <c>--vectors</c>): header
/// <c>item_id,v0,...,v{d-1}</c>, one item per line. Each vector is L2-normalised when loaded (in
/// double, stored as float32); items not in the table get <see cref="HashItemVectors"/>.
/// Immutable after loading.
/// </summary>
public sealed class ItemVectorTable : IItemVectors
{
    private readonly Dictionary<long, int> _rowOfItem;
    private readonly float[] _vectors;
    private readonly HashItemVectors _fallback;

    private ItemVectorTable(int dimension, Dictionary<long, int> rowOfItem, float[] vectors)
    {
        Dimension = dimension;
        _rowOfItem = rowOfItem;
        _vectors = vectors;
        _fallback = new HashItemVectors(dimension);
    }

    /// <inheritdoc/>
    public int Dimension { get; }

    /// <summary>Number of items the table holds.</summary>
    public int Count => _rowOfItem.Count;

    /// <summary>Whether the table holds a trained vector for <paramref name="itemId"/>.</summary>
    /// <param name="itemId">The item.</param>
    /// <returns>True when the item is in the table (otherwise it gets its hash vector).</returns>
    public bool Contains(long itemId) => _rowOfItem.ContainsKey(itemId);

    /// <inheritdoc/>
    public void CopyVector(long itemId, Span<float> destination)
    {
        if (!_rowOfItem.TryGetValue(itemId, out var row))
        {
            _fallback.CopyVector(itemId, destination);
            return;
        }
        if (destination.Length != Dimension)
        {
            throw new ArgumentException($"Destination holds {destination.Length} floats, the dimension is {Dimension}.", nameof(destination));
        }
        _vectors.AsSpan(row * Dimension, Dimension).CopyTo(destination);
    }

    /// <summary>
    /// Loads a table. Blank lines are skipped. Throws <see cref="ItemVectorTableFormatException"/>
    /// naming the line for a wrong header, a wrong number of fields, a value that does not parse or
    /// is not finite, a zero vector, or an item listed twice.
    /// </summary>
    /// <param name="reader">The CSV text.</param>
    /// <param name="dimension">d: the table must have exactly this many vector columns.</param>
    /// <returns>The loaded table.</returns>
    public static ItemVectorTable Load(TextReader reader, int dimension)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);

        var header = reader.ReadLine() ?? throw new ItemVectorTableFormatException(1, "the file is empty, expected the header.");
        var expectedHeader = "item_id," + string.Join(',', Enumerable.Range(0, dimension).Select(j => "v" + j.ToString(CultureInfo.InvariantCulture)));
        if (header.Trim() != expectedHeader)
        {
            throw new ItemVectorTableFormatException(1, $"expected the header 'item_id,v0,...,v{dimension - 1}' ({dimension + 1} columns).");
        }

        var rowOfItem = new Dictionary<long, int>();
        var vectors = new List<float>();
        var values = new double[dimension];
        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            var itemId = ParseRow(line, lineNumber, values);
            if (!rowOfItem.TryAdd(itemId, rowOfItem.Count))
            {
                throw new ItemVectorTableFormatException(lineNumber, $"item {itemId} is listed a second time.");
            }
            var sumSquares = 0.0;
            foreach (var v in values)
            {
                sumSquares += v * v;
            }
            if (sumSquares == 0)
            {
                throw new ItemVectorTableFormatException(lineNumber, $"the vector of item {itemId} is zero and cannot be normalised.");
            }
            var norm = Math.Sqrt(sumSquares);
            foreach (var v in values)
            {
                vectors.Add((float)(v / norm));
            }
        }
        return new ItemVectorTable(dimension, rowOfItem, vectors.ToArray());
    }

    private static long ParseRow(string line, int lineNumber, double[] values)
    {
        var rest = line.AsSpan().Trim();
        var field = 0;
        long itemId = 0;
        while (true)
        {
            var comma = rest.IndexOf(',');
            var text = (comma < 0 ? rest : rest[..comma]).Trim();
            if (field > values.Length)
            {
                throw new ItemVectorTableFormatException(lineNumber, $"more than {values.Length + 1} fields.");
            }
            if (field == 0)
            {
                if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out itemId))
                {
                    throw new ItemVectorTableFormatException(lineNumber, $"item_id '{text}' is not an integer.");
                }
            }
            else if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out values[field - 1]) || !double.IsFinite(values[field - 1]))
            {
                throw new ItemVectorTableFormatException(lineNumber, $"v{field - 1} '{text}' is not a finite number.");
            }
            field++;
            if (comma < 0)
            {
                break;
            }
            rest = rest[(comma + 1)..];
        }
        if (field != values.Length + 1)
        {
            throw new ItemVectorTableFormatException(lineNumber, $"expected {values.Length + 1} fields, found {field}.");
        }
        return itemId;
    }
}

using System.Globalization;

namespace Streaming.Core.Features.Vectors;

/// <summary>
/// Writes the CSV item vector table that <see cref="ItemVectorTable.Load"/> reads (SPEC §2, §8):
/// header <c>item_id,v0,...,v{d-1}</c>, one item per line in ascending item id, each value in
/// the shortest text that parses back to the same float32.
/// </summary>
public static class ItemVectorTableWriter
{
    /// <summary>Writes <paramref name="vectors"/> (each of <paramref name="dimension"/> finite values, not all zero).</summary>
    /// <param name="writer">Receives the CSV text.</param>
    /// <param name="vectors">Item id and vector per item; ids must be distinct.</param>
    /// <param name="dimension">d, the number of vector columns.</param>
    /// <exception cref="ArgumentException">A vector has the wrong length, a value that is not finite, or only zeros (the reader would refuse it).</exception>
    public static void Write(TextWriter writer, IEnumerable<KeyValuePair<long, float[]>> vectors, int dimension)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(vectors);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);

        writer.Write("item_id");
        for (var j = 0; j < dimension; j++)
        {
            writer.Write(",v");
            writer.Write(j.ToString(CultureInfo.InvariantCulture));
        }

        writer.Write('\n');
        foreach (var (item, vector) in vectors.OrderBy(kv => kv.Key))
        {
            Check(item, vector, dimension);
            writer.Write(item.ToString(CultureInfo.InvariantCulture));
            foreach (var value in vector)
            {
                writer.Write(',');
                writer.Write(value.ToString("R", CultureInfo.InvariantCulture));
            }

            writer.Write('\n');
        }
    }

    private static void Check(long item, float[] vector, int dimension)
    {
        if (vector is null || vector.Length != dimension)
        {
            throw new ArgumentException($"The vector of item {item} has {vector?.Length ?? 0} values, expected {dimension}.", nameof(vector));
        }

        var nonZero = false;
        foreach (var value in vector)
        {
            if (!float.IsFinite(value))
            {
                throw new ArgumentException($"The vector of item {item} holds {value}, which is not finite.", nameof(vector));
            }

            nonZero |= value != 0;
        }

        if (!nonZero)
        {
            throw new ArgumentException($"The vector of item {item} is zero and cannot be normalised when loaded.", nameof(vector));
        }
    }
}

namespace Streaming.Core.Evaluation;

/// <summary>
/// Calibration tables: predictions sorted ascending (ties keep input order), cut into equal-count
/// bins (the first <c>n mod bins</c> bins take one sample more), each bin's mean prediction beside
/// its observed rate. A calibrated predictor has them equal.
/// </summary>
public static class Calibration
{
    /// <summary>The calibration table of <paramref name="predictions"/> against <paramref name="outcomes"/> in <paramref name="bins"/> bins (fewer when there are fewer samples).</summary>
    public static IReadOnlyList<CalibrationBin> Table(ReadOnlySpan<double> predictions, ReadOnlySpan<bool> outcomes, int bins = 10)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        if (predictions.Length != outcomes.Length)
        {
            throw new ArgumentException($"The inputs differ in length ({predictions.Length} and {outcomes.Length}).");
        }
        var n = predictions.Length;
        var order = Enumerable.Range(0, n).ToArray();
        var keys = predictions.ToArray();
        // A stable sort, so ties keep input order and the table is a function of the inputs.
        var sorted = order.OrderBy(i => keys[i]).ToArray();
        var count = Math.Min(bins, n);
        var table = new List<CalibrationBin>(count);
        var next = 0;
        for (var b = 0; b < count; b++)
        {
            var size = (n / count) + (b < n % count ? 1 : 0);
            double predicted = 0;
            var happened = 0;
            for (var i = next; i < next + size; i++)
            {
                predicted += keys[sorted[i]];
                happened += outcomes[sorted[i]] ? 1 : 0;
            }
            table.Add(new CalibrationBin(size, predicted / size, (double)happened / size));
            next += size;
        }
        return table;
    }
}

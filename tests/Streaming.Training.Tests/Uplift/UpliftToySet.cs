namespace Streaming.Training.Tests.Uplift;

/// <summary>
/// Logged requests with randomised treatments whose true effect depends on the user: the more of
/// the user's recent plays fall in the short buckets (0–1), the more treatment 1 (more short videos)
/// raises the long-play ratio and treatment 2 (more long videos) lowers it. Labels are the long-play
/// ratio over ten plays drawn from the true probability.
/// </summary>
internal sealed class UpliftToySet
{
    private const int PlaysPerRequest = 10;

    private UpliftToySet(int count, float[] rows, long[] treatments, float[] labels, double[][] trueRatios)
    {
        Count = count;
        Rows = rows;
        Treatments = treatments;
        Labels = labels;
        TrueRatios = trueRatios;
    }

    public int Count { get; }

    public float[] Rows { get; }

    public long[] Treatments { get; }

    public float[] Labels { get; }

    /// <summary>Per row, the true long-play probability under each treatment.</summary>
    public double[][] TrueRatios { get; }

    public static UpliftToySet Draw(int count, int seed)
    {
        var rows = UpliftRows.Realistic(count, seed);
        var random = new Random(seed + 1);
        var treatments = new long[count];
        var labels = new float[count];
        var truth = new double[count][];
        for (var r = 0; r < count; r++)
        {
            var row = rows.AsSpan(r * UpliftRows.RowLength, UpliftRows.RowLength);
            truth[r] = TrueRatiosOf(row);
            treatments[r] = random.Next(3);
            var p = truth[r][treatments[r]];
            var longPlays = Enumerable.Range(0, PlaysPerRequest).Count(_ => random.NextDouble() < p);
            labels[r] = longPlays / (float)PlaysPerRequest;
        }

        return new UpliftToySet(count, rows, treatments, labels, truth);
    }

    private static double[] TrueRatiosOf(ReadOnlySpan<float> row)
    {
        var shortAffinity = row[UpliftRows.RecentShare(0)] + row[UpliftRows.RecentShare(1)];
        var lnMeanDuration = row[(2 * UpliftRows.Context) + 6];
        var control = 0.3 + (0.05 * lnMeanDuration);
        return
        [
            Clamp(control),
            Clamp(control + (0.5 * (shortAffinity - 0.3))),
            Clamp(control - (0.4 * (shortAffinity - 0.3))),
        ];
    }

    private static double Clamp(double p) => Math.Clamp(p, 0.02, 0.98);
}

using Streaming.Core.Evaluation;

namespace Streaming.Core.Tests.Evaluation;

public sealed class CalibrationTests
{
    [Fact]
    public void Bins_hold_equal_counts_of_sorted_predictions_with_the_remainder_in_the_first_bins()
    {
        double[] predicted = [0.9, 0.1, 0.5, 0.3, 0.7];
        bool[] happened = [true, false, true, false, true];
        var table = Calibration.Table(predicted, happened, bins: 2);
        // Sorted: 0.1 F, 0.3 F, 0.5 T | 0.7 T, 0.9 T.
        Assert.Equal(2, table.Count);
        Assert.Equal(new CalibrationBin(3, 0.3, 1.0 / 3), table[0] with { MeanPredicted = Math.Round(table[0].MeanPredicted, 12) });
        Assert.Equal(2, table[1].Count);
        Assert.Equal(0.8, table[1].MeanPredicted, 12);
        Assert.Equal(1.0, table[1].ObservedRate, 12);
    }

    [Fact]
    public void Fewer_samples_than_bins_give_one_bin_per_sample()
    {
        var table = Calibration.Table([0.2, 0.6], [false, true], bins: 10);
        Assert.Equal([new CalibrationBin(1, 0.2, 0), new CalibrationBin(1, 0.6, 1)], table);
    }
}

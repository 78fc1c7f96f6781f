using Xunit;

namespace Streaming.Training.Tests;

public sealed class Held_out_split
{
    private const long Day = 86_400_000L;

    private static StageExamples Rows(params long[] tsMs) => new(
        "fatigue",
        rowLength: 2,
        features: tsMs.SelectMany((t, i) => new[] { i, (float)t }).ToArray(),
        labels: tsMs.Select((_, i) => (float)(i % 2)).ToArray(),
        userIds: tsMs.Select((_, i) => (long)i).ToArray(),
        tsMs: tsMs,
        itemIds: tsMs.Select(_ => 7L).ToArray(),
        treatments: new long[tsMs.Length]);

    [Fact]
    public void The_newest_UTC_day_is_held_out_and_every_other_row_trains()
    {
        var examples = Rows((3 * Day) + 5, (1 * Day) + 9, (3 * Day) - 1, (3 * Day), (2 * Day) + 100);

        var (train, heldOut) = examples.SplitNewestDay()!.Value;

        Assert.Equal([(1 * Day) + 9, (3 * Day) - 1, (2 * Day) + 100], train.TsMs);
        Assert.Equal([(3 * Day) + 5, 3 * Day], heldOut.TsMs);
        Assert.Equal([0f, (3 * Day) + 5, 3f, 3 * Day], heldOut.Features);
    }

    [Fact]
    public void Rows_of_one_day_cannot_be_split()
    {
        Assert.Null(Rows(Day + 1, Day + 2, (2 * Day) - 1).SplitNewestDay());
        Assert.Null(Rows().SplitNewestDay());
    }

    [Fact]
    public void Zeroing_columns_clears_exactly_those_columns_of_every_row()
    {
        var zeroed = Rows(Day, 2 * Day).WithZeroed([1..2]);

        Assert.Equal([0f, 0f, 1f, 0f], zeroed.Features);
    }

    [Fact]
    public void Columns_that_disagree_in_length_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new StageExamples("fatigue", 2, new float[3], new float[2], new long[2], new long[2], new long[2], new long[2]));
    }
}

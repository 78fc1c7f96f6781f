using Streaming.Training.Check;
using Xunit;

namespace Streaming.Training.Tests;

public sealed class Popularity_baseline
{
    private static StageExamples Rows(long[] items, float[] labels) => new(
        "fatigue", 1, new float[items.Length], labels, new long[items.Length], new long[items.Length], items, new long[items.Length]);

    [Fact]
    public void An_item_scores_its_engagement_rate_smoothed_towards_the_global_rate_by_ten_exposures()
    {
        // Item 1: 2 of 2 engaged; item 2: 0 of 2; global rate 2/4 = 0.5.
        var train = Rows([1, 1, 2, 2], [1, 1, 0, 0]);
        var heldOut = Rows([1, 2, 3], [0, 0, 0]);

        var scores = PopularityBaseline.Scores(train, heldOut);

        Assert.Equal((2 + 5) / 12.0, scores[0], 6);
        Assert.Equal((0 + 5) / 12.0, scores[1], 6);
        Assert.Equal(0.5, scores[2], 6);
    }
}

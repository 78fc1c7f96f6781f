using Streaming.Core.Features;
using Streaming.Core.Training;
using static Streaming.Core.Tests.Training.LogRecords;

namespace Streaming.Core.Tests.Training;

public sealed class HoldOutNewestDayTests
{
    private const long Day = 86_400_000L;

    [Fact]
    public void The_newest_utc_day_is_held_out_and_every_earlier_day_trains()
    {
        var builder = new TrainingSetBuilder(FeatureOptions.Default);
        builder.Add(Candidate("a", 1, T0 + 5, 1));
        builder.Add(Candidate("b", 1, T0 + Day - 1, 1));  // last millisecond of day one
        builder.Add(Candidate("c", 1, T0 + Day, 1));      // first millisecond of day two
        builder.Add(Candidate("d", 1, T0 + Day + 1_000, 1));
        builder.Add(Closer(T0 + (3 * Day)));
        var set = builder.Build();

        Assert.Equal(TrainingSet.UtcDay(T0) + 1, set.NewestDay);
        var (train, holdOut) = set.HoldOutNewestDay();
        Assert.Equal(["a", "b"], train.Fatigue.Select(r => r.RequestId));
        Assert.Equal(["c", "d"], holdOut.Fatigue.Select(r => r.RequestId));
    }

    [Fact]
    public void Utc_days_count_from_the_epoch_and_floor_before_it()
    {
        Assert.Equal(19_723, TrainingSet.UtcDay(T0)); // 2024-01-01
        Assert.Equal(0, TrainingSet.UtcDay(Day - 1));
        Assert.Equal(-1, TrainingSet.UtcDay(-1));
    }

    [Fact]
    public void An_empty_set_has_no_newest_day_and_holds_nothing_out()
    {
        var set = new TrainingSetBuilder(FeatureOptions.Default).Build();
        Assert.Null(set.NewestDay);
        var (train, holdOut) = set.HoldOutNewestDay();
        Assert.Empty(train.Fatigue);
        Assert.Empty(holdOut.Fatigue);
    }
}

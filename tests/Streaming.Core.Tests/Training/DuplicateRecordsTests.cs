using Streaming.Core.Features;
using Streaming.Core.Training;
using static Streaming.Core.Tests.Training.LogRecords;

namespace Streaming.Core.Tests.Training;

public sealed class DuplicateRecordsTests
{
    [Fact]
    public void Re_logged_samples_and_outcomes_count_once()
    {
        var builder = new TrainingSetBuilder(FeatureOptions.Default);
        // A crash re-logs the last checkpoint: the same rows and outcomes a second time.
        for (var copy = 0; copy < 2; copy++)
        {
            Assert.Equal(copy == 0, builder.Add(Candidate("r", 1, T0, 7)));
            Assert.Equal(copy == 0, builder.Add(Request("r", 1, T0)));
            Assert.Equal(copy == 0, builder.Add(Outcome("e", 1, 7, T0 + Minute, "r", click: true, durationMs: 1_000, playTimeMs: 1_000)));
        }
        builder.Add(Closer());
        var set = builder.Build();

        Assert.True(Assert.Single(set.Fatigue).Engaged);
        var uplift = Assert.Single(set.Uplift);
        Assert.Equal(1, uplift.Plays);
        Assert.Equal(2, set.Counts.DuplicateSamples);
        Assert.Equal(1, set.Counts.DuplicateOutcomes);
        Assert.Equal(4, set.Counts.SamplesRead);
        Assert.Equal(3, set.Counts.OutcomesRead); // the closer too
    }

    [Fact]
    public void The_same_item_in_two_requests_is_two_rows()
    {
        var builder = new TrainingSetBuilder(FeatureOptions.Default);
        builder.Add(Candidate("r1", 1, T0, 7));
        builder.Add(Candidate("r2", 1, T0 + Minute, 7));
        builder.Add(Outcome("e", 1, 7, T0 + (2 * Minute), "r2", click: true));
        builder.Add(Closer());
        var rows = builder.Build().Fatigue;
        Assert.Equal(2, rows.Count);
        Assert.False(rows.Single(r => r.RequestId == "r1").Engaged);
        Assert.True(rows.Single(r => r.RequestId == "r2").Engaged);
    }
}

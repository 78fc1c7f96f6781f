using Streaming.Core.Events;

namespace Streaming.Core.Tests.Schemas;

/// <summary>Fixed, valid events at <see cref="EventGen.ReferenceMs"/>: the seeds of the fuzz and range-rule tests.</summary>
internal static class Samples
{
    public static Interaction Interaction => new()
    {
        EventId = "ev-1",
        UserId = 42,
        ItemId = 1_234_567,
        AuthorId = 99,
        Category = 7,
        DurationMs = 15_000,
        TsMs = EventGen.ReferenceMs - 1_000,
        PlayTimeMs = 9_000,
        Click = true,
        Like = true,
        RequestId = "req-é",
        Tab = 2,
    };

    public static ScoringRequest ScoringRequest => new()
    {
        RequestId = "req-1",
        UserId = 42,
        TsMs = EventGen.ReferenceMs,
        Candidates = [new(1, 10, 3, 12_000), new(2, -1, -1, 0), new(300_000, 7, 1, 61_000)],
        Treatment = 1,
    };

    public static ScoredRequest ScoredRequest => new()
    {
        RequestId = "req-1",
        UserId = 42,
        TsMs = EventGen.ReferenceMs,
        Scores =
        [
            new CandidateScore { ItemId = 1, PEngage = 0.25f, Fatigue = 0.5f },
            new CandidateScore { ItemId = 2, PEngage = 1f, Fatigue = 0f },
        ],
        Uplift = [0f, 0.125f, -0.5f],
        ChosenTreatment = 1,
        ModelVersions = ["fatigue=3", "uplift=2"],
        SourcePartition = 5,
        SourceOffset = 1_000_000,
    };

    public static TrainingSample TrainingSample => new()
    {
        RequestId = "req-1",
        UserId = 42,
        TsMs = EventGen.ReferenceMs,
        ItemId = 300_000,
        ModelVersions = ["fatigue=3", "uplift=2"],
        FeatureLayout = "fatigue@1",
        Features = new float[] { 0.5f, -1.25f, 0f, 3f, 1f, 0f },
        Treatment = 2,
    };
}

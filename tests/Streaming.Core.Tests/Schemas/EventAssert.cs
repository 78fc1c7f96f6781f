using Streaming.Core.Events;

namespace Streaming.Core.Tests.Schemas;

/// <summary>Field-by-field equality of events, lists compared by content.</summary>
internal static class EventAssert
{
    public static void Same(object expected, object? actual)
    {
        Assert.NotNull(actual);
        switch (expected)
        {
            case Interaction e:
                Assert.Equal(e, Assert.IsType<Interaction>(actual));
                break;
            case ScoringRequest e:
                var r = Assert.IsType<ScoringRequest>(actual);
                Assert.Equal(e.Candidates, r.Candidates);
                Assert.Equal(e with { Candidates = r.Candidates }, r);
                break;
            case ScoredRequest e:
                var s = Assert.IsType<ScoredRequest>(actual);
                Assert.Equal(e.Scores, s.Scores);
                Assert.Equal(e.Uplift, s.Uplift);
                Assert.Equal(e.ModelVersions, s.ModelVersions);
                Assert.Equal(e with { Scores = s.Scores, Uplift = s.Uplift, ModelVersions = s.ModelVersions }, s);
                break;
            case TrainingSample e:
                var t = Assert.IsType<TrainingSample>(actual);
                Assert.Equal(e.ModelVersions, t.ModelVersions);
                Assert.Equal(e.Features.ToArray(), t.Features.ToArray());
                Assert.Equal(e with { ModelVersions = t.ModelVersions, Features = t.Features }, t);
                break;
            default:
                Assert.Fail($"Not an event: {expected.GetType()}");
                break;
        }
    }
}

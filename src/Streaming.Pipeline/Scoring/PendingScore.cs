using Streaming.Core.Events;
using Streaming.Pipeline.Training;

namespace Streaming.Pipeline.Scoring;

/// <summary>A request whose features are captured and whose scores may still be computing.</summary>
public abstract class PendingScore
{
    /// <summary>A score that was computed on the spot, with no inputs kept to log.</summary>
    public static PendingScore Completed(ScoredRequest scored) => new CompletedScore(scored);

    /// <summary>
    /// Waits for the scores; called once, after <see cref="IRequestScorer.Begin"/>, in request order.
    /// When the request was begun with its inputs kept and <paramref name="samples"/> is given, the
    /// exact inputs each stage scored are logged to it (a row per candidate, one per request)
    /// before the scores are returned.
    /// </summary>
    public abstract ValueTask<ScoredRequest> CompleteAsync(SampleBatch? samples, CancellationToken cancellation);

    private sealed class CompletedScore(ScoredRequest scored) : PendingScore
    {
        public override ValueTask<ScoredRequest> CompleteAsync(SampleBatch? samples, CancellationToken cancellation) => ValueTask.FromResult(scored);
    }
}

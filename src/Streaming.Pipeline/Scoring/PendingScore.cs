using Streaming.Core.Events;

namespace Streaming.Pipeline.Scoring;

/// <summary>A request whose features are captured and whose scores may still be computing.</summary>
public abstract class PendingScore
{
    /// <summary>A score that was computed on the spot.</summary>
    public static PendingScore Completed(ScoredRequest scored) => new CompletedScore(scored);

    /// <summary>Waits for the scores; called once, after <see cref="IRequestScorer.Begin"/>, in request order.</summary>
    public abstract ValueTask<ScoredRequest> CompleteAsync(CancellationToken cancellation);

    private sealed class CompletedScore(ScoredRequest scored) : PendingScore
    {
        public override ValueTask<ScoredRequest> CompleteAsync(CancellationToken cancellation) => ValueTask.FromResult(scored);
    }
}

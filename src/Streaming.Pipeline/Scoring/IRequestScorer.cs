using Streaming.Core.Events;
using Streaming.Core.Features;

namespace Streaming.Pipeline.Scoring;

/// <summary>
/// Turns a user's state and a <see cref="ScoringRequest"/> into a <see cref="ScoredRequest"/>, in
/// two steps: <see cref="Begin"/> reads the state synchronously, at the request's place in the
/// partition (the state moves on with the next record), and the returned <see cref="PendingScore"/>
/// completes when the models have run. An instance serves one partition; it never changes the state.
/// </summary>
public interface IRequestScorer
{
    /// <summary>Captures the features of <paramref name="request"/> against <paramref name="user"/> as of the request at <paramref name="offset"/>.</summary>
    /// <param name="user">The user's state, read now and never changed.</param>
    /// <param name="request">The request.</param>
    /// <param name="partition">The request's source partition.</param>
    /// <param name="offset">The request's source offset.</param>
    /// <param name="logInputs">
    /// Keep the model inputs the request is scored on, so that <see cref="PendingScore.CompleteAsync"/>
    /// can log them as training samples (SPEC §7); false when the request is not sampled.
    /// </param>
    PendingScore Begin(UserState user, ScoringRequest request, int partition, long offset, bool logInputs);
}

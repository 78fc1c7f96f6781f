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
    PendingScore Begin(UserState user, ScoringRequest request, int partition, long offset);
}

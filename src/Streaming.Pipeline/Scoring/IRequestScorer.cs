using Streaming.Core.Events;
using Streaming.Core.Features;

namespace Streaming.Pipeline.Scoring;

/// <summary>
/// Turns a user's state and a <see cref="ScoringRequest"/> into a <see cref="ScoredRequest"/>.
/// An instance serves one partition (it may keep reusable buffers); it never changes the state.
/// </summary>
public interface IRequestScorer
{
    /// <summary>Scores <paramref name="request"/> against <paramref name="user"/> as of the request at <paramref name="offset"/>.</summary>
    ScoredRequest Score(UserState user, ScoringRequest request, int partition, long offset);
}

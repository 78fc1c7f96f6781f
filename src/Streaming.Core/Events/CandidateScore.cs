namespace Streaming.Core.Events;

/// <summary>The scores of one candidate of a <see cref="ScoredRequest"/>.</summary>
public sealed record CandidateScore
{
    /// <summary>The scored item.</summary>
    public required long ItemId { get; init; }

    /// <summary>Predicted probability of engagement, in [0, 1].</summary>
    public required float PEngage { get; init; }

    /// <summary>Predicted fatigue, in [0, 1].</summary>
    public required float Fatigue { get; init; }
}

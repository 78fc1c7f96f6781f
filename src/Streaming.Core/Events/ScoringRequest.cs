namespace Streaming.Core.Events;

/// <summary>The recommender asks for scores of candidates for one user (SPEC §1).</summary>
public sealed record ScoringRequest
{
    /// <summary>Unique id of the request; outputs are de-duplicated by it.</summary>
    public required string RequestId { get; init; }

    /// <summary>The user the candidates are for.</summary>
    public required long UserId { get; init; }

    /// <summary>Request time, epoch milliseconds: the scoring time <c>t</c> of the features.</summary>
    public required long TsMs { get; init; }

    /// <summary>The candidates, in the order their scores are returned.</summary>
    public required IReadOnlyList<Candidate> Candidates { get; init; }

    /// <summary>The duration treatment that was applied, when logged (randomised in the data).</summary>
    public int? Treatment { get; init; }

    /// <summary>The app surface the request comes from (feed, search, profile, ...), when known. Schema v2.</summary>
    public string? Surface { get; init; }
}

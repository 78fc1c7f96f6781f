namespace Streaming.Core.Events;

/// <summary>The pipeline's answer to a <see cref="ScoringRequest"/> (SPEC §1), written to the <c>scored</c> topic.</summary>
public sealed record ScoredRequest
{
    /// <summary>The request this answers.</summary>
    public required string RequestId { get; init; }

    /// <summary>The request's user.</summary>
    public required long UserId { get; init; }

    /// <summary>The request's time, epoch milliseconds.</summary>
    public required long TsMs { get; init; }

    /// <summary>One score per candidate, in the request's order.</summary>
    public required IReadOnlyList<CandidateScore> Scores { get; init; }

    /// <summary>Predicted uplift of each treatment over control (index 0 is control, always 0).</summary>
    public required IReadOnlyList<float> Uplift { get; init; }

    /// <summary>The treatment to apply: the argmax of uplift when it exceeds the minimum, else 0.</summary>
    public required int ChosenTreatment { get; init; }

    /// <summary>The model version that scored each stage, as <c>stage=version</c>.</summary>
    public required IReadOnlyList<string> ModelVersions { get; init; }

    /// <summary>The Kafka partition of the request; the state reflected every earlier event of it.</summary>
    public required int SourcePartition { get; init; }

    /// <summary>The Kafka offset of the request in <see cref="SourcePartition"/>.</summary>
    public required long SourceOffset { get; init; }
}

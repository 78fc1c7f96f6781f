namespace Streaming.Core.Events;

/// <summary>
/// One served model input logged for training (SPEC §7): the exact features one stage was given
/// for one scored request, flattened in the stage's contract order. The pipeline logs it with the
/// labels null; <c>TrainingSetBuilder</c> joins it to its outcome.
/// </summary>
/// <remarks>
/// Record equality compares <see cref="Features"/> by reference (it is a <see cref="ReadOnlyMemory{T}"/>,
/// so the pipeline can log a reused buffer without copying it into a record); compare features
/// with <c>Span.SequenceEqual</c>.
/// </remarks>
public sealed record TrainingSample
{
    /// <summary>The <see cref="ItemId"/> of a per-request stage's row (uplift).</summary>
    public const long RequestRow = -1;

    /// <summary>The <see cref="ScoringRequest"/> the features were served for.</summary>
    public required string RequestId { get; init; }

    /// <summary>The request's user.</summary>
    public required long UserId { get; init; }

    /// <summary>The scoring time t of the features, epoch milliseconds.</summary>
    public required long TsMs { get; init; }

    /// <summary>The candidate; <see cref="RequestRow"/> for a per-request stage.</summary>
    public required long ItemId { get; init; }

    /// <summary>The model version that scored each stage of the request, as <c>stage=version</c>.</summary>
    public required IReadOnlyList<string> ModelVersions { get; init; }

    /// <summary>The stage contract the features follow, <c>&lt;stage&gt;@&lt;contract_version&gt;</c> (for example <c>fatigue@1</c>).</summary>
    public required string FeatureLayout { get; init; }

    /// <summary>The stage's model inputs for this row, flattened in contract order (inputs in file order, each row-major).</summary>
    public required ReadOnlyMemory<float> Features { get; init; }

    /// <summary>The duration treatment applied to the request, when logged.</summary>
    public int? Treatment { get; init; }

    /// <summary>Outcome: click, like, follow, comment or forward on the exposure; null until joined.</summary>
    public bool? LabelEngaged { get; init; }

    /// <summary>Outcome: play time of the joined interaction; null until joined or when none.</summary>
    public int? LabelPlayTimeMs { get; init; }

    /// <summary>Uplift label (SPEC §5): long plays over plays; null until joined.</summary>
    public float? LabelLongPlayRatio { get; init; }

    /// <summary>Event time of the joined outcome; null until joined or when none.</summary>
    public long? LabelTsMs { get; init; }
}

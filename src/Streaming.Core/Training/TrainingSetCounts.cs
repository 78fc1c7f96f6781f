namespace Streaming.Core.Training;

/// <summary>What a <see cref="TrainingSetBuilder"/> read and what became of it.</summary>
public sealed record TrainingSetCounts
{
    /// <summary>Sample rows read, duplicates included.</summary>
    public long SamplesRead { get; init; }

    /// <summary>Sample rows dropped as re-logged duplicates of an earlier (request_id, item_id).</summary>
    public long DuplicateSamples { get; init; }

    /// <summary>Outcomes (applied interactions) read, duplicates included.</summary>
    public long OutcomesRead { get; init; }

    /// <summary>Outcomes dropped as re-logged duplicates of an earlier event_id.</summary>
    public long DuplicateOutcomes { get; init; }

    /// <summary>Sample rows whose layout names neither stage.</summary>
    public long UnknownLayout { get; init; }

    /// <summary>Candidate rows whose label window had not closed by the cutoff: left out, not negatives.</summary>
    public long FatiguePending { get; init; }

    /// <summary>Request rows whose label window had not closed by the cutoff.</summary>
    public long UpliftPending { get; init; }

    /// <summary>Request rows with no play at all in their window: no label, dropped.</summary>
    public long UpliftWithoutPlays { get; init; }

    /// <summary>The label cutoff used (epoch ms): windows ending before it are closed; null when there was no outcome.</summary>
    public long? CutoffMs { get; init; }
}

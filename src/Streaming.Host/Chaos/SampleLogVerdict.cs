namespace Streaming.Host.Chaos;

/// <summary>
/// The training sample log a chaos run left behind (docs/training-samples.md), against the
/// workload: every request's rows and every valid interaction's outcome at least once, after
/// torn blocks of killed processes are dropped.
/// </summary>
/// <param name="Rows">Rows expected: a row per candidate and one per request.</param>
/// <param name="RowsMissing">Expected rows not in the log.</param>
/// <param name="RowsUnknown">Rows in the log for no (request, candidate) of the workload.</param>
/// <param name="RowDuplicates">Rows beyond the first per (request_id, item_id): re-logged after a kill.</param>
/// <param name="RowsDiffering">Re-logged rows whose features differ from the first copy.</param>
/// <param name="Outcomes">Valid interactions of the workload.</param>
/// <param name="OutcomesMissing">Valid interactions with no outcome in the log.</param>
/// <param name="TornBlocks">Last blocks of segments torn by a kill, dropped by the reader.</param>
internal sealed record SampleLogVerdict(
    long Rows,
    long RowsMissing,
    long RowsUnknown,
    long RowDuplicates,
    long RowsDiffering,
    long Outcomes,
    long OutcomesMissing,
    int TornBlocks);

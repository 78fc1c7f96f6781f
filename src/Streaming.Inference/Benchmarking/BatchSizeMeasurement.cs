namespace Streaming.Inference.Benchmarking;

/// <summary>The medians over the repeats of one batch size.</summary>
/// <param name="BatchSize">Rows per run.</param>
/// <param name="CandidatesPerSecond">Rows scored per second of run time.</param>
/// <param name="P50Ms">Median latency of one run, milliseconds.</param>
/// <param name="P99Ms">99th-percentile latency of one run, milliseconds.</param>
/// <param name="AllocatedBytesPerBatch">Managed bytes allocated per run (0 is the goal).</param>
/// <param name="Batches">Runs measured (all repeats).</param>
public sealed record BatchSizeMeasurement(int BatchSize, double CandidatesPerSecond, double P50Ms, double P99Ms, double AllocatedBytesPerBatch, long Batches);

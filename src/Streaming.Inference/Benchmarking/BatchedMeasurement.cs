namespace Streaming.Inference.Benchmarking;

/// <summary>End-to-end throughput through a <see cref="Batching.MicroBatcher"/>.</summary>
/// <param name="CandidatesPerSecond">Rows scored per second, all producers together.</param>
/// <param name="RequestP50Ms">Median time from submission to completion of one request, milliseconds.</param>
/// <param name="RequestP99Ms">99th percentile of the same.</param>
/// <param name="MeanBatchRows">Mean rows per batch the batcher released.</param>
/// <param name="Requests">Requests completed.</param>
public sealed record BatchedMeasurement(double CandidatesPerSecond, double RequestP50Ms, double RequestP99Ms, double MeanBatchRows, long Requests);

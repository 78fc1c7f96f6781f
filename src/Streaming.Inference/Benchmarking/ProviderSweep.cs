namespace Streaming.Inference.Benchmarking;

/// <summary>One column group of a comparison: a provider (and batch memory) measured over batch sizes.</summary>
/// <param name="Name">The column heading, such as <c>CPU 16 threads</c> or <c>CUDA</c>.</param>
/// <param name="Measurements">One per batch size measured, any order; sizes it lacks show as gaps.</param>
public sealed record ProviderSweep(string Name, IReadOnlyList<BatchSizeMeasurement> Measurements)
{
    /// <summary>The measurement at <paramref name="batchSize"/>, or null when that size was not measured.</summary>
    public BatchSizeMeasurement? At(int batchSize) => Measurements.FirstOrDefault(m => m.BatchSize == batchSize);

    /// <summary>The measurement with the most candidates per second, or null when there is none.</summary>
    public BatchSizeMeasurement? Best => Measurements.MaxBy(m => m.CandidatesPerSecond);
}

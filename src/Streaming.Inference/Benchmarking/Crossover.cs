namespace Streaming.Inference.Benchmarking;

/// <summary>Where one provider overtakes another as the batch grows.</summary>
public static class Crossover
{
    /// <summary>
    /// The smallest batch size from which <paramref name="candidate"/> scores more candidates per
    /// second than <paramref name="baseline"/> at that size and at every larger size both measured;
    /// null when it does not win at the largest. A lucky win at one small size below a loss does
    /// not count: the crossover is where the candidate stays ahead.
    /// </summary>
    public static int? Find(IReadOnlyList<BatchSizeMeasurement> baseline, IReadOnlyList<BatchSizeMeasurement> candidate)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(candidate);
        var pairs = baseline
            .Join(candidate, b => b.BatchSize, c => c.BatchSize, (b, c) => (Size: b.BatchSize, Baseline: b.CandidatesPerSecond, Candidate: c.CandidatesPerSecond))
            .OrderByDescending(p => p.Size)
            .ToList();
        int? crossover = null;
        foreach (var (size, baseRate, candidateRate) in pairs)
        {
            if (candidateRate <= baseRate)
            {
                break;
            }

            crossover = size;
        }

        return crossover;
    }
}

namespace Streaming.Training.Fitting;

/// <summary>How one model is fitted (keys under <c>training</c> in the pipeline configuration).</summary>
public sealed record FitOptions
{
    /// <summary>Passes over the training rows.</summary>
    public int Epochs { get; init; } = 3;

    /// <summary>Rows per optimiser step.</summary>
    public int BatchSize { get; init; } = 512;

    /// <summary>Adam's learning rate.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Seeds the weights and the shuffling: one seed, one model.</summary>
    public ulong Seed { get; init; } = 17;

    /// <summary>
    /// MEDA-style multi-epoch training: redraw the ID embeddings at the start of every epoch after
    /// the first, so they cannot memorise rows seen before (the dense layers keep learning).
    /// </summary>
    public bool ReinitialiseEmbeddingsEachEpoch { get; init; }

    /// <summary>
    /// Torch's intra-op threads. Half the cores by default: the pipeline keeps running beside a
    /// periodic round, and on a 2-core machine two torch threads measured ten times the CPU of one.
    /// </summary>
    public int Threads { get; init; } = Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary>Throws for values no fit can use.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Epochs);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(BatchSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Threads);
        if (!(LearningRate > 0 && double.IsFinite(LearningRate)))
        {
            throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "The learning rate must be a positive number.");
        }
    }
}

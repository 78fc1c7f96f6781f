namespace Streaming.Training.Fitting;

/// <summary>How one model is fitted (keys under <c>training</c> in the pipeline configuration).</summary>
public sealed record FitOptions
{
    /// <summary>Passes over the training rows.</summary>
    public int Epochs { get; init; } = 3;

    /// <summary>Rows per optimiser step.</summary>
    public int BatchSize { get; init; } = 512;

    /// <summary>Adam's learning rate.</summary>
    public double LearningRate { get; init; } = 2e-3;

    /// <summary>Seeds the weights and the shuffling: one seed, one model.</summary>
    public long Seed { get; init; } = 17;

    /// <summary>
    /// MEDA-style multi-epoch training: redraw the ID embeddings at the start of every epoch after
    /// the first, so they cannot memorise rows seen before (the dense layers keep learning).
    /// </summary>
    public bool ReinitialiseEmbeddingsEachEpoch { get; init; }

    /// <summary>Throws for values no fit can use.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Epochs);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(BatchSize);
        if (!(LearningRate > 0 && double.IsFinite(LearningRate)))
        {
            throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "The learning rate must be a positive number.");
        }
    }
}

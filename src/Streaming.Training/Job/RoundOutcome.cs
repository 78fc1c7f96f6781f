namespace Streaming.Training.Job;

/// <summary>How a training round ended for one stage.</summary>
public enum RoundOutcome
{
    /// <summary>A new version was published; running pipelines swap to it.</summary>
    Published,

    /// <summary>The candidate scored worse than the serving version (<see cref="TrainingGate"/>).</summary>
    RefusedByGate,

    /// <summary>ONNX Runtime did not reproduce TorchSharp's outputs within the tolerance.</summary>
    RefusedByParity,

    /// <summary>The registry refused the model (contract, version race).</summary>
    RefusedByRegistry,

    /// <summary>Too little data: the samples do not span two days, or one side has no rows.</summary>
    Skipped,
}

namespace Streaming.Inference.Serving;

/// <summary>What became of a model offered to <see cref="ModelStage.TrySwap"/>.</summary>
public enum SwapStatus
{
    /// <summary>The model serves from now on; the previous one is disposed once its runs finish.</summary>
    Swapped,

    /// <summary>Refused: the model is for another stage.</summary>
    WrongStage,

    /// <summary>Refused: its version is not above the serving one (publish a new version to roll back).</summary>
    NotNewer,

    /// <summary>Refused: its inputs or outputs break the stage contract.</summary>
    ContractMismatch,

    /// <summary>Refused: on the warm-up batch it produced NaN, infinity or values outside the contract's range.</summary>
    InvalidOutput,

    /// <summary>Refused: the warm-up run threw.</summary>
    WarmUpFailed,

    /// <summary>Refused: the stage is disposed.</summary>
    StageDisposed,
}

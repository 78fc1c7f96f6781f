namespace Streaming.Inference.Registry;

/// <summary>What became of <see cref="ModelRegistry.Publish"/>.</summary>
public enum PublishStatus
{
    /// <summary>Published: the version directory is complete and visible to watchers.</summary>
    Published,

    /// <summary>Refused: no contract exists for the stage.</summary>
    UnknownStage,

    /// <summary>Refused: versions are positive.</summary>
    InvalidVersion,

    /// <summary>Refused: the version is already published (versions are immutable; publish a new one).</summary>
    VersionExists,

    /// <summary>Refused: ONNX Runtime cannot load the bytes.</summary>
    ModelInvalid,

    /// <summary>Refused: the model breaks the stage contract.</summary>
    ContractMismatch,
}

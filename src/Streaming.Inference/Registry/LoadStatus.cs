namespace Streaming.Inference.Registry;

/// <summary>What became of <see cref="ModelRegistry.Load"/>.</summary>
public enum LoadStatus
{
    /// <summary>Loaded: the checksum and the contract hold; the caller owns the model.</summary>
    Loaded,

    /// <summary>Refused: no contract exists for the stage.</summary>
    UnknownStage,

    /// <summary>No such version (or it is still being published).</summary>
    NotFound,

    /// <summary>Refused: the manifest is missing, unreadable, or names another stage, version or contract version.</summary>
    ManifestInvalid,

    /// <summary>Refused: <c>model.onnx</c> does not hash to the manifest's SHA-256.</summary>
    ChecksumMismatch,

    /// <summary>Refused: ONNX Runtime cannot load <c>model.onnx</c>.</summary>
    ModelInvalid,

    /// <summary>Refused: the model breaks the stage contract.</summary>
    ContractMismatch,
}

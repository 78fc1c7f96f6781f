namespace Streaming.Inference.Contracts;

/// <summary>The element types a stage contract may name (the <c>type</c> field of a tensor).</summary>
public enum ContractElementType
{
    /// <summary><c>float32</c>: IEEE 754 single precision, ONNX <c>FLOAT</c>.</summary>
    Float32 = 1,
}

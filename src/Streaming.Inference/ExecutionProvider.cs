namespace Streaming.Inference;

/// <summary>Where ONNX Runtime executes the stage models.</summary>
public enum ExecutionProvider
{
    /// <summary>The CPU provider, always available.</summary>
    Cpu,

    /// <summary>The CUDA provider: needs the <c>-p:OnnxGpu=true</c> build and a CUDA 13 / cuDNN 9 machine.</summary>
    Cuda,
}

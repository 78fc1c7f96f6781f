namespace Streaming.Inference.Benchmarking;

/// <summary>Where a measured batch's tensors live, and so what each run copies.</summary>
public enum BatchMemory
{
    /// <summary>
    /// The serving path: pinned .NET arrays viewed by cached ONNX Runtime values. On the CPU
    /// provider nothing is copied; on CUDA each run copies inputs to the device and outputs back
    /// from memory the driver sees as pageable.
    /// </summary>
    Managed,

    /// <summary>
    /// Page-locked host buffers from the CUDA provider's pinned allocator, bound with IoBinding:
    /// still one copy each way per run, but by DMA, without the driver's staging copy.
    /// </summary>
    CudaPinned,

    /// <summary>
    /// Inputs and outputs left in device memory, bound with IoBinding: no copies at all. The
    /// provider's compute ceiling, reachable only if features were assembled on the device.
    /// </summary>
    CudaDevice,
}

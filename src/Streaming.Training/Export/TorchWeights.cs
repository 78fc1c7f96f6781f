using Streaming.Inference.Onnx;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Streaming.Training.Export;

/// <summary>Copies trained TorchSharp parameters into the ONNX writer: the one bridge between the two.</summary>
public static class TorchWeights
{
    /// <summary>The values of <paramref name="tensor"/>, row-major, as float32 on the CPU.</summary>
    public static float[] Values(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        using var _ = no_grad();
        using var cpu = tensor.detach().to(ScalarType.Float32, CPU).contiguous();
        return cpu.data<float>().ToArray();
    }

    /// <summary>
    /// Writes <paramref name="layer"/> as one <c>Gemm</c> (y = x·Wᵀ + b) reading <paramref name="x"/>;
    /// a layer without bias gets a zero bias.
    /// </summary>
    public static string Dense(OnnxGraphBuilder graph, string x, Linear layer, string? output = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(layer);
        var inputs = (int)layer.in_features;
        var outputs = (int)layer.out_features;
        var bias = layer.bias is null ? new float[outputs] : Values(layer.bias);
        return graph.Dense(x, Values(layer.weight), bias, inputs, outputs, output);
    }
}

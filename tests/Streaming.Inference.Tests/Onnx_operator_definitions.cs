using Streaming.Inference.Onnx;
using Xunit;

namespace Streaming.Inference.Tests;

/// <summary>Each operator the trained models need, run by ONNX Runtime, against its definition worked by hand.</summary>
public sealed class Onnx_operator_definitions
{
    private static readonly float[] s_x = [1, -2, 3, 0.5f, 4, -1]; // [2, 3]

    private static float[] Run(Func<OnnxGraphBuilder, string, string> body, float[] input, long[] shape, params OnnxDim[] outputShape)
    {
        var graph = new OnnxGraphBuilder("op");
        var x = graph.AddInput("x", shape.Select(d => (OnnxDim)d).ToArray());
        graph.Identity(body(graph, x), output: "y");
        graph.AddOutput("y", outputShape);
        return Onnx_graph_parity.RunSingle(graph.ToBytes(), "x", input, shape, "y");
    }

    private static void Near(double[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], 1e-5);
        }
    }

    [Fact]
    public void Elementwise_operators_compute_their_definitions()
    {
        Near(s_x.Select(v => Math.Tanh(v)).ToArray(), Run((g, x) => g.Tanh(x), s_x, [2, 3], 2, 3));
        Near(s_x.Select(v => Math.Exp(v)).ToArray(), Run((g, x) => g.Exp(x), s_x, [2, 3], 2, 3));
        Near(s_x.Select(v => (double)-v).ToArray(), Run((g, x) => g.Neg(x), s_x, [2, 3], 2, 3));
        Near(s_x.Select(v => Math.Sqrt(Math.Abs(v))).ToArray(), Run((g, x) => g.Sqrt(x), s_x.Select(Math.Abs).ToArray(), [2, 3], 2, 3));
        Near([1 - 1, -2 - 2, 3 - 3, 0.5 - 1, 4 - 2, -1 - 3], Run((g, x) => g.Sub(x, g.Constant([1, 2, 3], [3])), s_x, [2, 3], 2, 3));
        Near([0.5, -1, 1.5, 0.25, 2, -0.5], Run((g, x) => g.Div(x, g.Constant([2], [1])), s_x, [2, 3], 2, 3));
    }

    [Fact]
    public void Softmax_and_reductions_work_along_the_named_axis()
    {
        var row0 = new[] { Math.Exp(1), Math.Exp(-2), Math.Exp(3) };
        var row1 = new[] { Math.Exp(0.5), Math.Exp(4), Math.Exp(-1) };
        Near(row0.Select(v => v / row0.Sum()).Concat(row1.Select(v => v / row1.Sum())).ToArray(), Run((g, x) => g.Softmax(x, axis: 1), s_x, [2, 3], 2, 3));
        Near([2, 3.5], Run((g, x) => g.ReduceSum(x, [1], keepDims: false), s_x, [2, 3], 2));
        Near([2 / 3.0, 3.5 / 3.0], Run((g, x) => g.ReduceMean(x, [1], keepDims: true), s_x, [2, 3], 2, 1));
        Near([1, 4, 3], Run((g, x) => g.ReduceMax(x, [0], keepDims: false), s_x, [2, 3], 3));
    }

    [Fact]
    public void Shape_operators_move_values_as_defined()
    {
        Near([1, 0.5, -2, 4, 3, -1], Run((g, x) => g.Transpose(x, [1, 0]), s_x, [2, 3], 3, 2));
        Near(s_x.Select(v => (double)v).ToArray(), Run((g, x) => g.Squeeze(g.Unsqueeze(x, [1]), [1]), s_x, [2, 3], 2, 3));
        Near(s_x.Select(v => (double)v).ToArray(), Run((g, x) => g.Unsqueeze(x, [2]), s_x, [2, 3], 2, 3, 1));
    }

    [Fact]
    public void Causal_Conv1d_sees_only_the_present_and_the_past()
    {
        // One channel in, one out, kernel 2 (w0 for t-1, w1 for t), bias 0.5, one zero padded on the left.
        var y = Run((g, x) => g.Conv1d(g.Unsqueeze(x, [1]), [2, 3], [0.5f], 1, 1, kernel: 2, padLeft: 1, padRight: 0), s_x, [2, 3], 2, 1, 3);
        Near(
            [(3 * 1) + 0.5, (2 * 1) + (3 * -2) + 0.5, (2 * -2) + (3 * 3) + 0.5, (3 * 0.5) + 0.5, (2 * 0.5) + (3 * 4) + 0.5, (2 * 4) + (3 * -1) + 0.5],
            y);
    }

    [Fact]
    public void LayerNorm_normalises_the_last_dimension_then_scales_and_shifts()
    {
        var expected = new List<double>();
        foreach (var row in s_x.Chunk(3))
        {
            var mean = row.Average(v => (double)v);
            var variance = row.Average(v => (v - mean) * (v - mean));
            double[] scale = [1, 2, 0.5], bias = [0, 1, -1];
            expected.AddRange(row.Select((v, i) => (((v - mean) / Math.Sqrt(variance + 1e-5)) * scale[i]) + bias[i]));
        }

        Near(expected.ToArray(), Run((g, x) => g.LayerNorm(x, [1, 2, 0.5f], [0, 1, -1]), s_x, [2, 3], 2, 3));
    }
}

using Microsoft.ML.OnnxRuntime;
using Streaming.Inference.Models;
using Streaming.Inference.Onnx;
using Xunit;

namespace Streaming.Inference.Tests;

public sealed class Onnx_graph_parity
{
    [Fact]
    public void Mlp_with_known_weights_run_by_onnx_runtime_equals_a_plain_forward_pass()
    {
        const int inputs = 5, hidden = 4, outputs = 3, rows = 7;
        var l1 = new DenseLayer(inputs, hidden, TestData.Floats(inputs * hidden, 1), TestData.Floats(hidden, 2));
        var l2 = new DenseLayer(hidden, outputs, TestData.Floats(hidden * outputs, 3), TestData.Floats(outputs, 4));
        var graph = new OnnxGraphBuilder("mlp");
        var x = graph.AddInput("x", ["N", inputs]);
        var h = graph.Relu(graph.Dense(x, l1.Weights, l1.Bias, inputs, hidden));
        graph.Sigmoid(graph.Dense(h, l2.Weights, l2.Bias, hidden, outputs), output: "y");
        graph.AddOutput("y", ["N", outputs]);

        var input = TestData.Floats(rows * inputs, 5);
        var actual = RunSingle(graph.ToBytes(), "x", input, [rows, inputs], "y");

        for (var r = 0; r < rows; r++)
        {
            var row = input.AsSpan(r * inputs, inputs).ToArray().Select(v => (double)v).ToArray();
            var expected = ReferenceForward.Sigmoid(ReferenceForward.Linear(l2, ReferenceForward.Relu(ReferenceForward.Linear(l1, row))));
            for (var o = 0; o < outputs; o++)
            {
                Assert.Equal(expected[o], actual[(r * outputs) + o], 1e-5);
            }
        }
    }

    [Fact]
    public void MatMul_Add_Mul_Reshape_Concat_Flatten_and_Slice_compute_their_definitions()
    {
        // y = Slice(Concat(Flatten(x3), Reshape(MatMul(x, W) + b, [-1, 2]) * x_scale), cols 1..5)
        var graph = new OnnxGraphBuilder("ops");
        var x = graph.AddInput("x", ["N", 3]);
        var x3 = graph.AddInput("x3", ["N", 2, 2]);
        var w = graph.AddInitializer("W", [1f, 2f, 3f, 4f, 5f, 6f], [3, 2]);
        var b = graph.AddInitializer("b", [0.5f, -0.5f], [2]);
        var scale = graph.AddInitializer("scale", [2f, 3f], [2]);
        var lin = graph.Mul(graph.Reshape(graph.Add(graph.MatMul(x, w), b), [-1, 2]), scale);
        var cat = graph.Concat([graph.Flatten(x3, 1), lin], axis: 1);
        graph.Slice(cat, [1], [5], [1], output: "y");
        graph.AddOutput("y", ["N", 4]);

        float[] xv = [1, 2, 3, -1, 0, 2];
        float[] x3v = [1, 2, 3, 4, 5, 6, 7, 8];
        using var session = new InferenceSession(graph.ToBytes());
        using var xo = OrtValue.CreateTensorValueFromMemory(xv, [2, 3]);
        using var x3o = OrtValue.CreateTensorValueFromMemory(x3v, [2, 2, 2]);
        using var results = session.Run(new RunOptions(), ["x", "x3"], [xo, x3o], ["y"]);
        var y = results[0].GetTensorDataAsSpan<float>().ToArray();

        // Row 0: flatten [1,2,3,4]; x·W = [1+6+15, 2+8+18] = [22, 28]; +b = [22.5, 27.5]; ·scale = [45, 82.5].
        // Row 1: flatten [5,6,7,8]; x·W = [-1+0+10, -2+0+12] = [9, 10]; +b = [9.5, 9.5]; ·scale = [19, 28.5].
        Assert.Equal([2f, 3f, 4f, 45f, 6f, 7f, 8f, 19f], y);
    }

    internal static float[] RunSingle(byte[] model, string inputName, float[] input, long[] shape, string outputName)
    {
        using var session = new InferenceSession(model);
        using var value = OrtValue.CreateTensorValueFromMemory(input, shape);
        using var runOptions = new RunOptions();
        using var results = session.Run(runOptions, [inputName], [value], [outputName]);
        return results[0].GetTensorDataAsSpan<float>().ToArray();
    }
}

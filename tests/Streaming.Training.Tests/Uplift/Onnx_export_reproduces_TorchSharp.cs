using Streaming.Training.Models.Uplift;
using Streaming.Training.Native;
using Xunit;

namespace Streaming.Training.Tests.Uplift;

public sealed class Onnx_export_reproduces_TorchSharp
{
    private const double Tolerance = 1e-5;

    public Onnx_export_reproduces_TorchSharp()
    {
        TorchNativeLibrary.EnsureLoaded();
        TorchSharp.torch.set_num_threads(1);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(64)]
    public void A_fresh_model_scores_the_same_in_ONNX_Runtime(int rows)
    {
        using var model = new UpliftModel(new UpliftModelOptions { Seed = 11 });

        var error = MaxError(model, UpliftRows.Realistic(rows, seed: rows), rows);

        Assert.True(error <= Tolerance, $"max |TorchSharp - ONNX| = {error}");
    }

    [Fact]
    public void A_trained_model_scores_the_same_in_ONNX_Runtime_at_every_batch_size()
    {
        using var model = new UpliftModel(new UpliftModelOptions { Seed = 12 });
        var data = UpliftToySet.Draw(512, seed: 5);
        UpliftFitting.Train(model, data.Rows, data.Labels, data.Treatments, epochs: 3, batchSize: 64, learningRate: 3e-3, seed: 1);
        var onnx = model.ExportOnnx("test");

        foreach (var rows in new[] { 1, 7, 64 })
        {
            var input = UpliftRows.Realistic(rows, seed: 100 + rows);
            var error = MaxError(model, onnx, input, rows);
            Assert.True(error <= Tolerance, $"{rows} rows: max |TorchSharp - ONNX| = {error}");
        }
    }

    [Fact]
    public void Training_moves_the_parameters_the_export_reads()
    {
        // Guards the parity test above against passing on an export that ignores training.
        using var model = new UpliftModel(new UpliftModelOptions { Seed = 12 });
        var input = UpliftRows.Realistic(16, seed: 3);
        var before = UpliftOnnxRunner.Run(model.ExportOnnx("before"), input, 16);
        var data = UpliftToySet.Draw(256, seed: 6);
        UpliftFitting.Train(model, data.Rows, data.Labels, data.Treatments, epochs: 2, batchSize: 64, learningRate: 3e-3, seed: 1);

        var after = UpliftOnnxRunner.Run(model.ExportOnnx("after"), input, 16);

        Assert.True(before.Zip(after).Max(p => Math.Abs(p.First - p.Second)) > 1e-3);
    }

    private static double MaxError(UpliftModel model, float[] input, int rows) =>
        MaxError(model, model.ExportOnnx("test"), input, rows);

    private static double MaxError(UpliftModel model, byte[] onnx, float[] input, int rows)
    {
        using var features = UpliftFitting.Features(input, rows);
        var torch = model.Predict(features);
        var onnxRuntime = UpliftOnnxRunner.Run(onnx, input, rows);
        Assert.Equal(rows * UpliftModel.Treatments, torch.Length);
        Assert.Equal(torch.Length, onnxRuntime.Length);
        Assert.All(onnxRuntime, v => Assert.InRange(v, 0f, 1f));
        return torch.Zip(onnxRuntime).Max(p => Math.Abs(p.First - p.Second));
    }
}

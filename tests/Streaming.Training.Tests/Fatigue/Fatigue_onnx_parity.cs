using Microsoft.ML.OnnxRuntime;
using Streaming.Training.Models.Fatigue;
using Xunit;

namespace Streaming.Training.Tests.Fatigue;

/// <summary>The exported graph computes what the TorchSharp model computes (SPEC §7's parity check).</summary>
public sealed class Fatigue_onnx_parity
{
    private const double Tolerance = 1e-5;

    public Fatigue_onnx_parity() => FatigueTorch.Ready();

    private static double AssertAgree(FatigueModel model, byte[] onnx, int rows, int seed)
    {
        var data = FatigueRows.Random(rows, seed);
        using var features = FatigueRows.Features(data);
        var torchScores = model.Score(features);
        var (pEngage, fatigue) = FatigueOnnx.Run(onnx, data);
        var worst = 0.0;
        for (var r = 0; r < rows; r++)
        {
            Assert.Equal(torchScores.PEngage[r], pEngage[r], Tolerance);
            Assert.Equal(torchScores.Fatigue[r], fatigue[r], Tolerance);
            Assert.InRange(pEngage[r], 0f, 1f);
            Assert.InRange(fatigue[r], 0f, 1f);
            worst = Math.Max(worst, Math.Max(Math.Abs(torchScores.PEngage[r] - pEngage[r]), Math.Abs(torchScores.Fatigue[r] - fatigue[r])));
        }

        return worst;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(64)]
    public void Initial_weights_agree_with_ONNX_Runtime_within_1e_5(int rows)
    {
        using var model = new FatigueModel(new FatigueModelOptions { Seed = 11 }, ItemVocabulary.Of([]));
        AssertAgree(model, model.ExportOnnx("test"), rows, seed: rows);
    }

    [Fact]
    public void Trained_weights_agree_with_ONNX_Runtime_within_1e_5_at_every_batch_size()
    {
        using var model = new FatigueModel(new FatigueModelOptions { Seed = 12 }, ItemVocabulary.Of([]));
        var train = FatigueRows.Random(512, seed: 100);
        var labels = Enumerable.Range(0, 512).Select(i => (float)((i * 7919) % 3 == 0 ? 1 : 0)).ToArray();
        var before = model.Score(FatigueRows.Features(train)).PEngage;
        FatigueTraining.Train(model, train, labels, null, epochs: 3, batchSize: 64, learningRate: 1e-2);
        var after = model.Score(FatigueRows.Features(train)).PEngage;
        Assert.True(before.Zip(after).Max(p => Math.Abs(p.First - p.Second)) > 1e-3, "training moved the weights");

        var onnx = model.ExportOnnx("test");
        foreach (var rows in new[] { 1, 7, 64 })
        {
            AssertAgree(model, onnx, rows, seed: 1000 + rows);
        }
    }

    [Fact]
    public void One_session_scores_batches_of_different_sizes_like_separate_calls()
    {
        // The batch dimension is symbolic: a 64-row batch equals its rows scored one at a time.
        using var model = new FatigueModel(new FatigueModelOptions { Seed = 13 }, ItemVocabulary.Of([]));
        using var session = new InferenceSession(model.ExportOnnx("test"));
        var data = FatigueRows.Random(64, seed: 5);
        var batch = FatigueOnnx.Run(session, data);
        var rowLength = FatigueRows.Layout.RowLength;
        for (var r = 0; r < 64; r += 9)
        {
            var single = FatigueOnnx.Run(session, data.AsSpan(r * rowLength, rowLength).ToArray());
            Assert.Equal(batch.PEngage[r], single.PEngage[0], Tolerance);
            Assert.Equal(batch.Fatigue[r], single.Fatigue[0], Tolerance);
        }
    }
}

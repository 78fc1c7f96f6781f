using Streaming.Training.Models.Fatigue;
using TorchSharp;
using Xunit;

namespace Streaming.Training.Tests.Fatigue;

/// <summary>
/// FRec's structure: p_engage = σ(interest − tanh(fatigue)) and fatigue = σ(fatigue logit), with
/// the fatigue logit a function of the fatigue inputs only and the interest logit of the interest inputs only.
/// </summary>
public sealed class Fatigue_FRec_combination
{
    public Fatigue_FRec_combination() => FatigueTorch.Ready();

    private static (double Interest, double Fatigue) BranchLogits(FatigueModel model, float[] row)
    {
        using var features = FatigueRows.Features(row);
        var logits = model.Logits(features, null);
        var result = (logits.Interest.item<float>(), logits.Fatigue.item<float>());
        logits.Interest.Dispose();
        logits.Fatigue.Dispose();
        return result;
    }

    [Fact]
    public void Engagement_is_the_interest_logit_minus_tanh_of_the_fatigue_logit_in_torch_and_in_ONNX()
    {
        using var model = new FatigueModel(new FatigueModelOptions { Seed = 21 }, ItemVocabulary.Of([]));
        using (torch.no_grad())
        {
            // Push the fatigue logit to where tanh(f) and f are far apart, so the checks below can tell them apart.
            model.Network.FatigueOut.bias!.add_(1.5f);
        }

        var rows = FatigueRows.Random(8, seed: 3);
        var row = rows.AsSpan(2 * FatigueRows.Layout.RowLength, FatigueRows.Layout.RowLength).ToArray();
        var (interest, fatigue) = BranchLogits(model, row);
        Assert.True(Math.Abs(fatigue) > 1, "the check needs a fatigue logit where tanh bends");

        var expectedP = 1 / (1 + Math.Exp(-(interest - Math.Tanh(fatigue))));
        var expectedFatigue = 1 / (1 + Math.Exp(-fatigue));
        using var features = FatigueRows.Features(row);
        var torchScores = model.Score(features);
        var onnx = FatigueOnnx.Run(model.ExportOnnx("test"), row);

        Assert.Equal(expectedP, torchScores.PEngage[0], 1e-6);
        Assert.Equal(expectedFatigue, torchScores.Fatigue[0], 1e-6);
        Assert.Equal(expectedP, onnx.PEngage[0], 1e-5);
        Assert.Equal(expectedFatigue, onnx.Fatigue[0], 1e-5);

        // Not σ(interest − fatigue), nor σ(interest) alone: the combination is the tanh one.
        Assert.NotEqual(1 / (1 + Math.Exp(-(interest - fatigue))), torchScores.PEngage[0], 1e-4);
        Assert.NotEqual(1 / (1 + Math.Exp(-interest)), torchScores.PEngage[0], 1e-4);
    }

    [Fact]
    public void Fatigue_inputs_move_only_the_fatigue_logit_and_interest_inputs_only_the_interest_logit()
    {
        using var model = new FatigueModel(new FatigueModelOptions { Seed = 22 }, ItemVocabulary.Of([]));
        var row = FatigueRows.Random(1, seed: 9);
        var (interest, fatigue) = BranchLogits(model, row);

        var moreRepeats = (float[])row.Clone();
        FatigueRows.View(moreRepeats, 0).Counts[3] += 2f; // n_same_item over 1 h
        var (interestAfterCounts, fatigueAfterCounts) = BranchLogits(model, moreRepeats);
        Assert.Equal(interest, interestAfterCounts, 1e-7);
        Assert.NotEqual(fatigue, fatigueAfterCounts, 1e-4);

        var otherClusters = (float[])row.Clone();
        FatigueRows.View(otherClusters, 0).Cluster[0] += 0.5f;
        var (interestAfterClusters, fatigueAfterClusters) = BranchLogits(model, otherClusters);
        Assert.NotEqual(interest, interestAfterClusters, 1e-4);
        Assert.Equal(fatigue, fatigueAfterClusters, 1e-7);
    }
}

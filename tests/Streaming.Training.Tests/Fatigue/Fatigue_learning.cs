using Streaming.Core.Evaluation;
using Streaming.Training.Models.Fatigue;
using Xunit;
using Xunit.Abstractions;

namespace Streaming.Training.Tests.Fatigue;

/// <summary>
/// On a toy set whose label depends only on fatigue signals (repeats of the same item, similarity
/// of the recent items to the candidate), the model learns them, and cannot without its fatigue inputs.
/// </summary>
public sealed class Fatigue_learning
{
    private const int TrainRows = 3072, TestRows = 2048;

    private readonly ITestOutputHelper _output;

    public Fatigue_learning(ITestOutputHelper output)
    {
        _output = output;
        FatigueTorch.Ready();
    }

    // Engaged unless the user has just seen this item or very similar ones. Every row has a
    // history, so that without the fatigue inputs nothing (not even "no history") predicts the label.
    private static (float[] Rows, float[] Labels) ToySet(int count, int seed)
    {
        var random = new Random(seed);
        var closeness = Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() * 2)).ToArray();
        var sameItem = Enumerable.Range(0, count).Select(_ => random.Next(4)).ToArray();
        var rows = FatigueRows.Random(count, seed + 1, closeness: closeness, sameItem: sameItem, everyRowHasHistory: true);
        var labels = new float[count];
        for (var r = 0; r < count; r++)
        {
            var logit = TrueLogit(rows, r);
            labels[r] = random.NextDouble() < 1 / (1 + Math.Exp(-logit)) ? 1 : 0;
        }

        return (rows, labels);
    }

    private static double TrueLogit(float[] rows, int r) =>
        1.5 - (1.5 * FatigueRows.View(rows, r).Counts[3]) - (2.5 * FatigueRows.MaxSim(rows, r));

    // Everything but the candidate's vector and the cluster summary set to 0: no fatigue signal left.
    private static float[] WithoutFatigueInputs(float[] rows)
    {
        var copy = (float[])rows.Clone();
        for (var r = 0; r < rows.Length / FatigueRows.Layout.RowLength; r++)
        {
            var row = FatigueRows.View(copy, r);
            row.RecentVectors.Clear();
            row.RecentMask.Clear();
            row.M.Clear();
            row.MMask.Clear();
            row.Sim.Clear();
            row.Counts.Clear();
            row.Time.Clear();
            row.TimeMask.Clear();
        }

        return copy;
    }

    private static double Auc(FatigueModel model, float[] rows, float[] labels)
    {
        using var features = FatigueRows.Features(rows);
        var p = model.Predict(features).Select(v => (double)v).ToArray();
        return BinaryMetrics.Auc(p, labels.Select(l => l > 0.5f).ToArray())!.Value;
    }

    [Fact]
    public void Loss_falls_and_held_out_AUC_beats_chance_and_the_model_without_fatigue_inputs()
    {
        var (train, trainLabels) = ToySet(TrainRows, seed: 1);
        var (test, testLabels) = ToySet(TestRows, seed: 2);

        using var full = new FatigueModel(new FatigueModelOptions { Seed = 31 }, ItemVocabulary.Of([]));
        var initialLoss = FatigueTraining.LogLoss(full, train, trainLabels);
        FatigueTraining.Train(full, train, trainLabels, null, epochs: 6);
        var finalLoss = FatigueTraining.LogLoss(full, train, trainLabels);
        var fullAuc = Auc(full, test, testLabels);

        using var blind = new FatigueModel(new FatigueModelOptions { Seed = 31 }, ItemVocabulary.Of([]));
        FatigueTraining.Train(blind, WithoutFatigueInputs(train), trainLabels, null, epochs: 6);
        var blindAuc = Auc(blind, WithoutFatigueInputs(test), testLabels);

        var oracleAuc = BinaryMetrics.Auc(Enumerable.Range(0, TestRows).Select(r => TrueLogit(test, r)).ToArray(), testLabels.Select(l => l > 0.5f).ToArray())!.Value;
        _output.WriteLine($"training loss {initialLoss:F4} -> {finalLoss:F4}; held-out AUC {fullAuc:F4} (true logit {oracleAuc:F4}), without fatigue inputs {blindAuc:F4}");
        Assert.True(finalLoss < initialLoss - 0.05, $"training loss {initialLoss:F4} -> {finalLoss:F4}");
        Assert.True(fullAuc > 0.65 && fullAuc > oracleAuc - 0.05, $"held-out AUC {fullAuc:F4}, the true logit's {oracleAuc:F4}");
        Assert.True(fullAuc > blindAuc + 0.1, $"held-out AUC {fullAuc:F4} with fatigue inputs, {blindAuc:F4} without");
    }
}

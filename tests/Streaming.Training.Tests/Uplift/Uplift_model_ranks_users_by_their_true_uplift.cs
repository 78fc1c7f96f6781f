using Streaming.Core.Evaluation;
using Streaming.Training.Models.Uplift;
using Streaming.Training.Native;
using Xunit;
using Xunit.Abstractions;

namespace Streaming.Training.Tests.Uplift;

/// <summary>
/// Learning sanity on <see cref="UpliftToySet"/>: after a few seconds of training the predicted
/// uplift of each treatment over control ranks held-out users well enough that Qini and AUUC close
/// at least half the gap between a random ranking and the ranking by the true uplift.
/// </summary>
public sealed class Uplift_model_ranks_users_by_their_true_uplift
{
    private readonly ITestOutputHelper _output;

    public Uplift_model_ranks_users_by_their_true_uplift(ITestOutputHelper output)
    {
        _output = output;
        TorchNativeLibrary.EnsureLoaded();
        TorchSharp.torch.set_num_threads(1);
    }

    [Fact]
    public void Predicted_uplift_beats_a_random_ranking_by_a_wide_margin()
    {
        var train = UpliftToySet.Draw(8000, seed: 41);
        var test = UpliftToySet.Draw(4000, seed: 42);
        using var model = new UpliftModel(new UpliftModelOptions { Seed = 43 });
        var lossBefore = UpliftFitting.MeanLoss(model, test.Rows, test.Labels, test.Treatments);

        var epochLosses = UpliftFitting.Train(model, train.Rows, train.Labels, train.Treatments, epochs: 8, batchSize: 256, learningRate: 3e-3, seed: 44);

        var lossAfter = UpliftFitting.MeanLoss(model, test.Rows, test.Labels, test.Treatments);
        _output.WriteLine($"held-out loss {lossBefore:F4} -> {lossAfter:F4}; epochs {string.Join(", ", epochLosses.Select(l => l.ToString("F4")))}");
        Assert.True(lossAfter < lossBefore - 0.01, $"held-out loss {lossBefore} -> {lossAfter}");
        Assert.True(epochLosses[^1] < epochLosses[0], "training loss decreases");

        using var features = UpliftFitting.Features(test.Rows, test.Count);
        var predicted = model.Predict(features);
        var random = new Random(45);
        for (var treatment = 1; treatment < UpliftModel.Treatments; treatment++)
        {
            var rows = Enumerable.Range(0, test.Count).Where(r => test.Treatments[r] == 0 || test.Treatments[r] == treatment).ToArray();
            var treated = rows.Select(r => test.Treatments[r] == treatment).ToArray();
            var outcomes = rows.Select(r => (double)test.Labels[r]).ToArray();
            var ranked = Evaluate(rows.Select(r => (double)(predicted[(r * 3) + treatment] - predicted[r * 3])).ToArray(), treated, outcomes);
            var oracle = Evaluate(rows.Select(r => test.TrueRatios[r][treatment] - test.TrueRatios[r][0]).ToArray(), treated, outcomes);
            var chance = Evaluate(rows.Select(_ => random.NextDouble()).ToArray(), treated, outcomes);
            _output.WriteLine($"treatment {treatment}: Qini model {ranked.QiniCoefficient:F5} oracle {oracle.QiniCoefficient:F5} random {chance.QiniCoefficient:F5}; AUUC model {ranked.Auuc:F5} oracle {oracle.Auuc:F5} random {chance.Auuc:F5}");

            Assert.True(ranked.QiniCoefficient > chance.QiniCoefficient + (0.5 * (oracle.QiniCoefficient - chance.QiniCoefficient)), $"treatment {treatment}: Qini");
            Assert.True(ranked.Auuc > chance.Auuc + (0.5 * (oracle.Auuc - chance.Auuc)), $"treatment {treatment}: AUUC");
        }
    }

    private static UpliftCurve Evaluate(double[] uplift, bool[] treated, double[] outcomes) =>
        UpliftMetrics.Evaluate(uplift, treated, outcomes) ?? throw new InvalidOperationException("Both groups are needed.");
}

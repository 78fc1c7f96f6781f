using Streaming.Inference.Contracts;
using Streaming.Training.Evaluation;
using Streaming.Training.Fitting;
using Streaming.Training.Models;

namespace Streaming.Training.Check;

/// <summary>
/// The learning check of issue 9: does each model learn what the data holds? Trains on every day
/// but the newest and measures on the newest, like the retraining round, against a reference that
/// lacks the signal under test.
/// </summary>
public static class LearningCheck
{
    /// <summary>The fatigue stage's inputs that carry fatigue (FRec's repeated-exposure signal): all but e(c) and the life-cycle summary.</summary>
    public static readonly IReadOnlyList<string> FatigueInputs =
        ["recent_vectors", "recent_mask", "fatigue_m", "fatigue_m_mask", "sim", "counts", "time_features", "time_mask"];

    /// <summary>
    /// Fatigue model trained on all inputs against the same model trained and evaluated with
    /// <see cref="FatigueInputs"/> zeroed; also the popularity baseline on the same held-out rows.
    /// </summary>
    public static FatigueCheckResult Fatigue(StageExamples examples, Func<StageExamples, ITrainableStage> create, FitOptions fit)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentNullException.ThrowIfNull(create);
        var (train, heldOut) = examples.SplitNewestDay()
            ?? throw new InvalidOperationException($"The {examples.Count} fatigue rows do not span two UTC days: nothing to hold out.");

        var (full, fitResult) = TrainAndScore(train, heldOut, create, fit);
        var layout = FeatureLayout.Of(StageContracts.Fatigue);
        var zeroed = FatigueInputs.Select(name => layout[name]).Select(s => new Range(s.Offset, s.Offset + s.Length)).ToArray();
        var (ablated, _) = TrainAndScore(train.WithZeroed(zeroed), heldOut.WithZeroed(zeroed), create, fit);
        var popularity = StageMetrics.Of(heldOut, PopularityBaseline.Scores(train, heldOut));
        return new FatigueCheckResult(train.Count, heldOut.Count, Positives(heldOut), full, ablated, popularity, fitResult.Elapsed);
    }

    /// <summary>
    /// Uplift model's Qini on the held-out randomised treatments against the mean Qini of
    /// <paramref name="randomRankings"/> random rankings of the same rows (seeded).
    /// </summary>
    public static UpliftCheckResult Uplift(StageExamples examples, Func<StageExamples, ITrainableStage> create, FitOptions fit, int randomRankings = 20)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentNullException.ThrowIfNull(create);
        var (train, heldOut) = examples.SplitNewestDay()
            ?? throw new InvalidOperationException($"The {examples.Count} uplift rows do not span two UTC days: nothing to hold out.");

        var (model, fitResult) = TrainAndScore(train, heldOut, create, fit);
        var random = new Random((int)(fit.Seed % int.MaxValue));
        var qinis = new List<double>();
        var auucs = new List<double>();
        for (var k = 0; k < randomRankings; k++)
        {
            var noise = new float[heldOut.Count * 3];
            for (var i = 0; i < noise.Length; i++)
            {
                noise[i] = (float)random.NextDouble();
            }

            var metrics = StageMetrics.Of(heldOut, noise);
            qinis.Add(metrics.GetValueOrDefault(StageMetrics.Qini));
            auucs.Add(metrics.GetValueOrDefault(StageMetrics.Auuc));
        }

        var randomMetrics = new Dictionary<string, double>
        {
            [StageMetrics.Qini] = qinis.Average(),
            [StageMetrics.Auuc] = auucs.Average(),
            ["qini_sd"] = StandardDeviation(qinis),
        };
        return new UpliftCheckResult(train.Count, heldOut.Count, model, randomMetrics, fitResult.Elapsed);
    }

    private static (IReadOnlyDictionary<string, double> Metrics, FitResult Fit) TrainAndScore(
        StageExamples train, StageExamples heldOut, Func<StageExamples, ITrainableStage> create, FitOptions fit)
    {
        using var model = create(train);
        var result = StageFitter.Fit(model, train, fit);
        return (StageMetrics.Of(heldOut, StageFitter.Predict(model, heldOut)), result);
    }

    private static int Positives(StageExamples examples) => examples.Labels.Count(l => l > 0.5f);

    private static double StandardDeviation(IReadOnlyList<double> values)
    {
        var mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / Math.Max(1, values.Count - 1));
    }
}

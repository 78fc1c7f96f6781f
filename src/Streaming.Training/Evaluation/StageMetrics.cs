using Streaming.Core.Evaluation;

namespace Streaming.Training.Evaluation;

/// <summary>
/// The held-out metrics of SPEC §7 for one stage's predictions: AUC, GAUC by user and log loss for
/// <c>fatigue</c>; AUUC and Qini of each treatment against control for <c>uplift</c>.
/// </summary>
public static class StageMetrics
{
    /// <summary>Metric names, as they appear in reports, manifests and the gate.</summary>
    public const string Auc = "auc", Gauc = "gauc", LogLoss = "log_loss", Qini = "qini", Auuc = "auuc", Rows = "rows";

    /// <summary>
    /// Metrics of <paramref name="predictions"/> (<c>fatigue</c>: p_engage per row; <c>uplift</c>: three
    /// ratios per row) on <paramref name="examples"/>. An undefined metric is left out.
    /// </summary>
    public static IReadOnlyDictionary<string, double> Of(StageExamples examples, ReadOnlySpan<float> predictions)
    {
        ArgumentNullException.ThrowIfNull(examples);
        return examples.Stage == "uplift" ? OfUplift(examples, predictions) : OfEngagement(examples, predictions);
    }

    /// <summary>The calibration table by decile of a <c>fatigue</c> stage's predictions.</summary>
    public static IReadOnlyList<CalibrationBin> CalibrationByDecile(StageExamples examples, ReadOnlySpan<float> predictions)
    {
        ArgumentNullException.ThrowIfNull(examples);
        var (scores, labels) = Binary(examples, predictions);
        return Calibration.Table(scores, labels, bins: 10);
    }

    private static Dictionary<string, double> OfEngagement(StageExamples examples, ReadOnlySpan<float> predictions)
    {
        var (scores, labels) = Binary(examples, predictions);
        var metrics = new Dictionary<string, double> { [Rows] = examples.Count };
        Put(metrics, Auc, BinaryMetrics.Auc(scores, labels));
        Put(metrics, Gauc, BinaryMetrics.Gauc(scores, labels, examples.UserIds));
        Put(metrics, LogLoss, BinaryMetrics.LogLoss(scores, labels));
        return metrics;
    }

    private static (double[] Scores, bool[] Labels) Binary(StageExamples examples, ReadOnlySpan<float> predictions)
    {
        if (predictions.Length != examples.Count)
        {
            throw new ArgumentException($"{predictions.Length} predictions for {examples.Count} rows.", nameof(predictions));
        }

        var scores = new double[examples.Count];
        var labels = new bool[examples.Count];
        for (var i = 0; i < scores.Length; i++)
        {
            scores[i] = predictions[i];
            labels[i] = examples.Labels[i] > 0.5f;
        }

        return (scores, labels);
    }

    // Per treatment t: rows served t or control, ranked by predicted uplift ratio[t] - ratio[0].
    // The headline qini / auuc are the means over the treatments that have both groups.
    private static Dictionary<string, double> OfUplift(StageExamples examples, ReadOnlySpan<float> predictions)
    {
        const int treatments = 3;
        if (predictions.Length != examples.Count * treatments)
        {
            throw new ArgumentException($"{predictions.Length} predictions for {examples.Count} uplift rows of {treatments}.", nameof(predictions));
        }

        var metrics = new Dictionary<string, double> { [Rows] = examples.Count };
        var qinis = new List<double>();
        var auucs = new List<double>();
        for (var t = 1; t < treatments; t++)
        {
            var uplift = new List<double>();
            var treated = new List<bool>();
            var outcomes = new List<double>();
            for (var i = 0; i < examples.Count; i++)
            {
                var served = examples.Treatments[i];
                if (served != 0 && served != t)
                {
                    continue;
                }

                uplift.Add(predictions[(i * treatments) + t] - predictions[i * treatments]);
                treated.Add(served == t);
                outcomes.Add(examples.Labels[i]);
            }

            if (UpliftMetrics.Evaluate(uplift.ToArray(), treated.ToArray(), outcomes.ToArray()) is { } curve)
            {
                metrics[$"{Qini}_t{t}"] = curve.QiniCoefficient;
                metrics[$"{Auuc}_t{t}"] = curve.Auuc;
                qinis.Add(curve.QiniCoefficient);
                auucs.Add(curve.Auuc);
            }
        }

        if (qinis.Count > 0)
        {
            metrics[Qini] = qinis.Average();
            metrics[Auuc] = auucs.Average();
        }

        return metrics;
    }

    private static void Put(Dictionary<string, double> metrics, string name, double? value)
    {
        if (value is { } v)
        {
            metrics[name] = v;
        }
    }
}

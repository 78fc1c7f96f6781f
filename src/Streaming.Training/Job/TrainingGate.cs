namespace Streaming.Training.Job;

/// <summary>
/// When a retrained model may replace the serving one (<c>training.gate</c>): its held-out metric
/// must not fall below the serving version's on the same rows by more than <see cref="MaxRegression"/>.
/// </summary>
public sealed record TrainingGate
{
    /// <summary>The fatigue stage's deciding metric (higher is better).</summary>
    public string FatigueMetric { get; init; } = Evaluation.StageMetrics.Auc;

    /// <summary>The uplift stage's deciding metric (higher is better).</summary>
    public string UpliftMetric { get; init; } = Evaluation.StageMetrics.Qini;

    /// <summary>How far below the serving version a candidate may score and still publish; 0: "not worse".</summary>
    public double MaxRegression { get; init; }

    /// <summary>The deciding metric of <paramref name="stage"/>.</summary>
    public string MetricOf(string stage) => stage == "uplift" ? UpliftMetric : FatigueMetric;

    /// <summary>Decides for <paramref name="stage"/> from the candidate's and the serving version's metrics on the same held-out rows.</summary>
    public GateDecision Decide(string stage, IReadOnlyDictionary<string, double> candidate, IReadOnlyDictionary<string, double>? serving)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var metric = MetricOf(stage);
        if (!candidate.TryGetValue(metric, out var mine))
        {
            return new GateDecision(false, metric, null, null, $"the candidate's {metric} is undefined on the held-out rows");
        }

        if (serving is null || !serving.TryGetValue(metric, out var theirs))
        {
            return new GateDecision(true, metric, mine, null, "no serving version to compare with");
        }

        return mine >= theirs - MaxRegression
            ? new GateDecision(true, metric, mine, theirs, $"{metric} {mine:F4} >= serving {theirs:F4} - {MaxRegression}")
            : new GateDecision(false, metric, mine, theirs, $"{metric} {mine:F4} < serving {theirs:F4} - {MaxRegression}");
    }
}

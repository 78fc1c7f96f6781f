namespace Streaming.Pipeline.Training;

/// <summary>
/// <c>training.gate</c>: a retrained model is published only when its metric on the newest
/// held-out day is at least the serving version's minus <see cref="MaxRegression"/>.
/// </summary>
public sealed record TrainingGateOptions
{
    /// <summary><c>fatigue_metric</c>: <c>auc</c> (default) or <c>gauc</c>; higher is better.</summary>
    public string FatigueMetric { get; init; } = "auc";

    /// <summary><c>uplift_metric</c>: <c>qini</c> (default) or <c>auuc</c>; higher is better.</summary>
    public string UpliftMetric { get; init; } = "qini";

    /// <summary><c>max_regression</c>: how much worse than serving still publishes; 0 (default): not worse.</summary>
    public double MaxRegression { get; init; }

    /// <summary>Validates the options, naming the first bad value.</summary>
    public void Validate()
    {
        if (FatigueMetric is not ("auc" or "gauc"))
        {
            throw new ArgumentException($"training.gate.fatigue_metric '{FatigueMetric}' is not auc or gauc.");
        }
        if (UpliftMetric is not ("qini" or "auuc"))
        {
            throw new ArgumentException($"training.gate.uplift_metric '{UpliftMetric}' is not qini or auuc.");
        }
        if (!(MaxRegression >= 0 && double.IsFinite(MaxRegression)))
        {
            throw new ArgumentOutOfRangeException(nameof(MaxRegression), MaxRegression, "training.gate.max_regression must be a non-negative number.");
        }
    }
}

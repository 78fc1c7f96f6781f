namespace Streaming.Training.Check;

/// <summary>The uplift half of the learning check.</summary>
/// <param name="TrainRows">Rows trained on.</param>
/// <param name="HeldOutRows">Rows of the newest day.</param>
/// <param name="Model">The model's held-out metrics (qini, auuc, per treatment too).</param>
/// <param name="Random">The mean over random rankings of the same rows (qini, auuc, qini_sd).</param>
/// <param name="FitTime">Time of the fit.</param>
public sealed record UpliftCheckResult(
    int TrainRows,
    int HeldOutRows,
    IReadOnlyDictionary<string, double> Model,
    IReadOnlyDictionary<string, double> Random,
    TimeSpan FitTime);

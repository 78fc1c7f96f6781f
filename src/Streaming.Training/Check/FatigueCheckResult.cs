namespace Streaming.Training.Check;

/// <summary>The fatigue half of the learning check.</summary>
/// <param name="TrainRows">Rows trained on.</param>
/// <param name="HeldOutRows">Rows of the newest day.</param>
/// <param name="HeldOutPositives">Engaged rows among them.</param>
/// <param name="Model">The model's held-out metrics (auc, gauc, log_loss).</param>
/// <param name="FatigueInputsZeroed">The same model's, trained and evaluated with the fatigue inputs zeroed.</param>
/// <param name="Popularity">The popularity baseline's.</param>
/// <param name="FitTime">Time of one fit of the full model.</param>
public sealed record FatigueCheckResult(
    int TrainRows,
    int HeldOutRows,
    int HeldOutPositives,
    IReadOnlyDictionary<string, double> Model,
    IReadOnlyDictionary<string, double> FatigueInputsZeroed,
    IReadOnlyDictionary<string, double> Popularity,
    TimeSpan FitTime)
{
    /// <summary>AUC of the model minus AUC without fatigue inputs (the issue asks for at least 0.02 on synthetic data).</summary>
    public double AucGainFromFatigue =>
        Model.GetValueOrDefault(Evaluation.StageMetrics.Auc) - FatigueInputsZeroed.GetValueOrDefault(Evaluation.StageMetrics.Auc);
}

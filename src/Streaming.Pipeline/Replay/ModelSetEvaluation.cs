using Streaming.Core.Evaluation;

namespace Streaming.Pipeline.Replay;

/// <summary>
/// The evaluation of one replay (one model set) against the outcomes observed in its range. Every
/// figure is a function of the range's records and the models: no wall clock.
/// </summary>
public sealed record ModelSetEvaluation
{
    /// <summary>The set's name in the report ("a", "b").</summary>
    public required string Name { get; init; }

    /// <summary>The versions that served (<c>stage=version</c>).</summary>
    public required IReadOnlyList<string> ModelVersions { get; init; }

    /// <summary>Scored requests found on the replay's scored topic (de-duplicated by source offset).</summary>
    public required long Requests { get; init; }

    /// <summary>Scored candidates.</summary>
    public required long Candidates { get; init; }

    /// <summary>Candidates whose label is engaged.</summary>
    public required long Positives { get; init; }

    /// <summary>AUC of p_engage.</summary>
    public required double? Auc { get; init; }

    /// <summary>GAUC of p_engage by user.</summary>
    public required double? Gauc { get; init; }

    /// <summary>Log loss of p_engage.</summary>
    public required double? LogLoss { get; init; }

    /// <summary>Candidates that were exposed (have an interaction), the population of the fatigue calibration.</summary>
    public required long Exposed { get; init; }

    /// <summary>Deciles of predicted fatigue against the realised skip rate of exposed candidates.</summary>
    public required IReadOnlyList<CalibrationBin> FatigueCalibration { get; init; }

    /// <summary>Per non-control treatment, its uplift evaluation against control (null when either group is empty).</summary>
    public required IReadOnlyDictionary<int, UpliftCurve?> Uplift { get; init; }

    /// <summary>SHA-256 (lowercase hex) of the scored records' values in source partition/offset order, each preceded by its length.</summary>
    public required string OutputsSha256 { get; init; }

    /// <summary>The p_engage predictions, per scored candidate in output order (for plots; not in the JSON).</summary>
    public required double[] PEngage { get; init; }

    /// <summary>The engaged labels, aligned with <see cref="PEngage"/>.</summary>
    public required bool[] Engaged { get; init; }
}

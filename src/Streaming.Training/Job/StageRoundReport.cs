using Streaming.Training.Fitting;

namespace Streaming.Training.Job;

/// <summary>What one training round did for one stage.</summary>
/// <param name="Stage">The stage.</param>
/// <param name="Outcome">Published, refused by the gate or the parity check, or skipped.</param>
/// <param name="Detail">Why, in words.</param>
/// <param name="TrainRows">Rows trained on (all days but the newest).</param>
/// <param name="HeldOutRows">Rows of the newest day, held out.</param>
/// <param name="Fit">The fit, when one ran.</param>
/// <param name="ExportTime">Time to write the ONNX model.</param>
/// <param name="ParityMaxAbsError">The largest |TorchSharp − ONNX Runtime| over the held-out rows' outputs.</param>
/// <param name="Candidate">The candidate's held-out metrics.</param>
/// <param name="Serving">The serving version's metrics on the same rows, when one serves.</param>
/// <param name="ServingVersion">The serving version compared with.</param>
/// <param name="PublishedVersion">The version published, when the gate let it through.</param>
public sealed record StageRoundReport(
    string Stage,
    RoundOutcome Outcome,
    string Detail,
    int TrainRows,
    int HeldOutRows,
    FitResult? Fit,
    TimeSpan ExportTime,
    double? ParityMaxAbsError,
    IReadOnlyDictionary<string, double> Candidate,
    IReadOnlyDictionary<string, double>? Serving,
    long? ServingVersion,
    long? PublishedVersion);

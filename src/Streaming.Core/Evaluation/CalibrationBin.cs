namespace Streaming.Core.Evaluation;

/// <summary>One quantile bin of a calibration table.</summary>
/// <param name="Count">Samples in the bin.</param>
/// <param name="MeanPredicted">Mean prediction of the bin's samples.</param>
/// <param name="ObservedRate">Share of the bin's samples whose outcome happened.</param>
public readonly record struct CalibrationBin(int Count, double MeanPredicted, double ObservedRate);

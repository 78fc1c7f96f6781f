namespace Streaming.Training.Fitting;

/// <summary>What a fit did.</summary>
/// <param name="Rows">Training rows.</param>
/// <param name="Epochs">Passes made.</param>
/// <param name="MeanLossPerEpoch">The mean batch loss of each epoch, in order.</param>
/// <param name="Elapsed">Wall time of the fit.</param>
public sealed record FitResult(int Rows, int Epochs, IReadOnlyList<double> MeanLossPerEpoch, TimeSpan Elapsed);

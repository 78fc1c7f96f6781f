using Streaming.Core.Training;

namespace Streaming.Pipeline.Training;

/// <summary>A sample log read and joined: the labeled training set and what the log held.</summary>
/// <param name="Set">The labeled rows (<see cref="TrainingSetBuilder"/>).</param>
/// <param name="Stats">Sizes and record counts of the log.</param>
public sealed record SampleLogContents(TrainingSet Set, SampleLogStats Stats);

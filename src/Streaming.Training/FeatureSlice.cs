namespace Streaming.Training;

/// <summary>One contract input inside a flattened feature row.</summary>
/// <param name="Name">The input's contract name.</param>
/// <param name="Offset">Index of its first value in the row.</param>
/// <param name="Length">Values it takes in the row (the product of <paramref name="RowShape"/>).</param>
/// <param name="RowShape">Its shape without the batch dimension.</param>
public sealed record FeatureSlice(string Name, int Offset, int Length, IReadOnlyList<long> RowShape);

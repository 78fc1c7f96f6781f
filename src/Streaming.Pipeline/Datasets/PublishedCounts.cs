namespace Streaming.Pipeline.Datasets;

/// <summary>How many events of each kind a dataset put on the input topic.</summary>
/// <param name="Interactions">Interaction records produced.</param>
/// <param name="Requests">ScoringRequest records produced.</param>
public readonly record struct PublishedCounts(long Interactions, long Requests)
{
    /// <summary>All events produced.</summary>
    public long Events => Interactions + Requests;
}

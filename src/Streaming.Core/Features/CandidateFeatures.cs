using Streaming.Core.Features.Fatigue;
using Streaming.Core.Features.LifeCycle;

namespace Streaming.Core.Features;

/// <summary>
/// Everything served for one candidate at one scoring time: e(c), the fatigue features and the
/// life-cycle clusters. Filled by <see cref="FeatureEngine.ComputeCandidate"/>; reusable (allocate
/// one per worker or pool them, refill for each candidate); every member is overwritten.
/// </summary>
public sealed class CandidateFeatures
{
    internal readonly float[] Vector;
    internal readonly ClusterFeature[] ClusterBuffer;

    /// <summary>Creates a features object sized for <paramref name="options"/>.</summary>
    /// <param name="options">d, T, K, the windows and <c>lifecycle.top_clusters</c>.</param>
    public CandidateFeatures(FeatureOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Vector = new float[options.EmbeddingDim];
        ClusterBuffer = new ClusterFeature[options.LifeCycleTopClusters];
        Fatigue = new FatigueFeatures(options);
    }

    /// <summary>The user.</summary>
    public long UserId { get; internal set; }

    /// <summary>The candidate item c.</summary>
    public long ItemId { get; internal set; }

    /// <summary>The scoring time t, epoch milliseconds.</summary>
    public long TsMs { get; internal set; }

    /// <summary>e(c), d floats.</summary>
    public ReadOnlySpan<float> ItemVector => Vector;

    /// <summary>The fatigue features (SPEC §3).</summary>
    public FatigueFeatures Fatigue { get; }

    /// <summary>Number of clusters in <see cref="Clusters"/>.</summary>
    public int ClusterCount { get; internal set; }

    /// <summary>The top life-cycle clusters for c, ordered by attention descending (SPEC §4).</summary>
    public ReadOnlySpan<ClusterFeature> Clusters => ClusterBuffer.AsSpan(0, ClusterCount);

    /// <summary>Length of the user's life-cycle log.</summary>
    public int LifeCycleItems { get; internal set; }
}

namespace Streaming.Core.Features.LifeCycle;

/// <summary>One life-cycle cluster as served for a target item (SPEC §4, §8 <c>clusters</c>).</summary>
/// <param name="ClusterId">The cluster's per-user id.</param>
/// <param name="Group">Completion group 0..3.</param>
/// <param name="Size">Member count n.</param>
/// <param name="MeanCompletion">Mean completion of the members.</param>
/// <param name="MeanPlayMs">Mean play time of the members, milliseconds.</param>
/// <param name="MeanDurationMs">Mean duration of the members, milliseconds.</param>
/// <param name="RepresentativeItem">The member with the largest cosine to the centroid (lowest item id on ties).</param>
/// <param name="Cosine">cos(e(x), centroid).</param>
/// <param name="Attention">The cluster-aware attention weight over the served clusters.</param>
public readonly record struct ClusterFeature(
    int ClusterId,
    int Group,
    int Size,
    double MeanCompletion,
    double MeanPlayMs,
    double MeanDurationMs,
    long RepresentativeItem,
    double Cosine,
    double Attention);

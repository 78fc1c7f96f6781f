namespace Streaming.Core.Features.LifeCycle;

/// <summary>The online life-cycle step and the candidate features (SPEC §4). PLACEHOLDER: the lifecycle work replaces this body.</summary>
public sealed class LifeCycleEngine(FeatureOptions options)
{
    /// <summary>The options this engine was built with.</summary>
    public FeatureOptions Options { get; } = options;

    /// <summary>Applies one interaction (ignored when <paramref name="durationMs"/> is 0).</summary>
    public void Apply(LifeCycleClusters state, long itemId, ReadOnlySpan<float> vector, int playTimeMs, int durationMs, long tsMs) => throw new NotImplementedException();

    /// <summary>Fills <paramref name="destination"/> with the top clusters for <paramref name="target"/>, ordered by attention descending; returns how many.</summary>
    public int TopClusters(LifeCycleClusters state, ReadOnlySpan<float> target, Span<ClusterFeature> destination) => throw new NotImplementedException();
}

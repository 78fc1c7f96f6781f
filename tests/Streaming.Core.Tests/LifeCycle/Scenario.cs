using CsCheck;
using Streaming.Core.Features;

namespace Streaming.Core.Tests.LifeCycle;

/// <summary>One interaction of a generated scenario.</summary>
internal readonly record struct Step(long ItemId, int Play, int Duration, long Ts);

/// <summary>A generated sequence of interactions with the options to run it under.</summary>
internal sealed record Scenario(int Dim, int Gamma, int MaxItems, int Topics, double Noise, ulong Salt, Step[] Steps)
{
    public FeatureOptions Options => FeatureOptions.Default with
    {
        EmbeddingDim = Dim,
        LifeCycleMaxCluster = Gamma,
        LifeCycleMaxItems = MaxItems,
    };

    public float[] VectorOf(long itemId) => TestVectors.Topical(itemId, Dim, Topics, Noise, Salt);

    public override string ToString() =>
        $"dim {Dim}, gamma {Gamma}, max {MaxItems}, topics {Topics}, noise {Noise:F2}, salt {Salt}, {Steps.Length} steps: " +
        string.Join(" ", Steps.Select(s => $"{s.ItemId}:{s.Play}/{s.Duration}@{s.Ts}"));

    private static readonly Gen<Step> s_step =
        from item in Gen.Long[0, 40]
        from duration in Gen.OneOf(Gen.Const(0), Gen.Int[1, 60_000], Gen.Const(10_000))
        from fraction in Gen.OneOf(Gen.Const(0.0), Gen.Const(0.2), Gen.Const(0.5), Gen.Const(1.0), Gen.Double[0.0, 1.5])
        from ts in Gen.Long[0, 10_000]
        select new Step(item, (int)(fraction * duration), duration, ts);

    /// <summary>Scenarios rich in joins, full clusters, splits, repeats and (sometimes) evictions.</summary>
    public static readonly Gen<Scenario> Generator =
        from dim in Gen.OneOf(Gen.Const(32), Gen.Const(4), Gen.Int[2, 12])
        from gamma in Gen.OneOf(Gen.Const(16), Gen.Int[1, 6])
        from maxItems in Gen.OneOf(Gen.Const(100_000), Gen.Int[1, 40])
        from topics in Gen.Int[1, 5]
        from noise in Gen.Double[0.0, 1.2]
        from salt in Gen.ULong[0, 1000]
        from steps in s_step.Array[1, 200]
        select new Scenario(dim, gamma, maxItems, topics, noise, salt, steps);
}

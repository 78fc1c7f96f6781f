namespace Streaming.Core.Features.LifeCycle;

/// <summary>A cluster taking part in <see cref="LifeCycleEngine.TopClusters"/>' selection.</summary>
internal struct RankedCluster
{
    public float Cosine;
    public int Id;
    public int Slot;
    public double Attention;

    /// <summary>The selection order: larger cosine first, lower id first on (exact) ties.</summary>
    public readonly bool RanksAbove(float cosine, int id) => Cosine > cosine || (Cosine == cosine && Id < id);

    /// <summary>Orders by attention descending, lower id first on ties.</summary>
    public readonly struct ByAttention : IComparer<RankedCluster>
    {
        public int Compare(RankedCluster x, RankedCluster y)
        {
            var byAttention = y.Attention.CompareTo(x.Attention);
            return byAttention != 0 ? byAttention : x.Id.CompareTo(y.Id);
        }
    }
}

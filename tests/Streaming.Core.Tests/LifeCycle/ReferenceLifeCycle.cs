namespace Streaming.Core.Tests.LifeCycle;

/// <summary>
/// An independent, deliberately naive re-implementation of SPEC §4's online step: lists, float64,
/// every centroid recomputed from scratch at every use. Shares no code with Streaming.Core; only
/// the documented tie tolerance (cosines within 1e-5 tie) is the same contract.
/// </summary>
internal sealed class ReferenceLifeCycle(int gamma, int maxItems, double joinThreshold, double[] edges)
{
    public const double Tolerance = 1e-5;

    public sealed record Item(long Seq, long ItemId, double[] Vector, int Play, int Duration, long Ts);

    public sealed class Cluster(int id, int group)
    {
        public int Id { get; } = id;

        public int Group { get; } = group;

        public List<Item> Members { get; } = [];
    }

    private long _seq;

    public List<Item> Log { get; } = [];

    public List<Cluster> Clusters { get; } = [];

    public int NextId { get; private set; }

    public static double Completion(int play, int duration) => play <= 0 ? 0 : Math.Min((double)play / duration, 1.0);

    public int GroupOf(double completion) => edges.Count(e => completion >= e);

    public static double[] Mean(IReadOnlyList<Item> items)
    {
        var mean = new double[items[0].Vector.Length];
        foreach (var item in items)
        {
            for (var j = 0; j < mean.Length; j++)
            {
                mean[j] += item.Vector[j];
            }
        }
        return mean.Select(x => x / items.Count).ToArray();
    }

    public static double Cos(double[] a, double[] b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var j = 0; j < a.Length; j++)
        {
            dot += a[j] * b[j];
            na += a[j] * a[j];
            nb += b[j] * b[j];
        }
        return na > 0 && nb > 0 ? dot / Math.Sqrt(na * nb) : 0;
    }

    public void Apply(long itemId, float[] vector, int play, int duration, long ts)
    {
        if (duration <= 0)
        {
            return;
        }
        while (Log.Count >= maxItems)
        {
            var oldest = Log[0];
            Log.RemoveAt(0);
            var owner = Clusters.Single(c => c.Members.Contains(oldest));
            owner.Members.Remove(oldest);
            if (owner.Members.Count == 0)
            {
                Clusters.Remove(owner);
            }
        }
        var item = new Item(_seq++, itemId, vector.Select(x => (double)x).ToArray(), play, duration, ts);
        Log.Add(item);
        var group = GroupOf(Completion(play, duration));
        var candidates = Clusters.Where(c => c.Group == group)
            .Select(c => (Cluster: c, Cos: Cos(item.Vector, Mean(c.Members)))).ToList();
        if (candidates.Count > 0)
        {
            var max = candidates.Max(c => c.Cos);
            var nearest = candidates.Where(c => c.Cos >= max - Tolerance).MinBy(c => c.Cluster.Id);
            if (nearest.Cos >= joinThreshold - Tolerance)
            {
                if (nearest.Cluster.Members.Count < gamma)
                {
                    nearest.Cluster.Members.Add(item);
                }
                else
                {
                    Split(nearest.Cluster, [.. nearest.Cluster.Members, item]);
                }
                return;
            }
        }
        var fresh = new Cluster(NextId++, group);
        fresh.Members.Add(item);
        Clusters.Add(fresh);
    }

    private void Split(Cluster cluster, List<Item> items)
    {
        var inTwo = TwoMeans(items.Select(i => i.Vector).ToList());
        var one = items.Where((_, i) => !inTwo[i]).ToList();
        var two = items.Where((_, i) => inTwo[i]).ToList();
        cluster.Members.Clear();
        cluster.Members.AddRange(one);
        var second = new Cluster(NextId++, cluster.Group);
        second.Members.AddRange(two);
        Clusters.Add(second);
        if (one.Count > gamma)
        {
            Split(cluster, one);
        }
        if (two.Count > gamma)
        {
            Split(second, two);
        }
    }

    /// <summary>The SPEC's 2-means; true = part two.</summary>
    public static bool[] TwoMeans(List<double[]> x)
    {
        var n = x.Count;
        var pairs = new List<(int I, int J, double Cos)>();
        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                pairs.Add((i, j, Cos(x[i], x[j])));
            }
        }
        var min = pairs.Min(p => p.Cos);
        var seeds = pairs.First(p => p.Cos <= min + Tolerance);
        var c1 = x[seeds.I];
        var c2 = x[seeds.J];
        bool[]? previous = null;
        for (var round = 1; round <= 10; round++)
        {
            var assign = x.Select(v => Cos(v, c2) > Cos(v, c1) + Tolerance).ToArray();
            if (assign.All(a => a) || assign.All(a => !a))
            {
                return [.. Enumerable.Range(0, n).Select(i => i >= (n + 1) / 2)];
            }
            if (previous is not null && previous.SequenceEqual(assign))
            {
                return assign;
            }
            previous = assign;
            c1 = MeanOf(x.Where((_, i) => !assign[i]).ToList());
            c2 = MeanOf(x.Where((_, i) => assign[i]).ToList());
        }
        return previous!;
    }

    private static double[] MeanOf(List<double[]> vectors) =>
        Enumerable.Range(0, vectors[0].Length).Select(j => vectors.Average(v => v[j])).ToArray();
}

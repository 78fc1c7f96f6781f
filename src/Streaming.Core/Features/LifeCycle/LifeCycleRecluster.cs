using Streaming.Core.Randomness;
namespace Streaming.Core.Features.LifeCycle;

/// <summary>
/// The batch step of SPEC §4 (the offline phase of TWIN-V2): re-clusters a user's whole log per
/// completion group by recursive k-means and returns the result as a new version. Pure: the
/// source state is not modified, and the result depends only on the source, the options and the seed.
/// </summary>
/// <remarks>
/// Per group, over the group's items in log order: a set of at most gamma items is one cluster;
/// a larger set of n items is split by k-means with k = ceil(n / gamma): k-means++ seeding (first
/// center uniform, each next one drawn with probability proportional to 1 - its largest cosine to
/// the centers so far, the squared distance of unit vectors up to a factor; seeding stops early
/// when every item coincides with a center), then up to <see cref="Iterations"/> rounds of
/// assigning each item to the center of largest cosine (the <see cref="CosineTies"/> rule, lowest
/// center index on ties) and moving each center to its items' mean (an empty center stays put),
/// stopping early when no item moves. The non-empty parts, in center order, are re-clustered the
/// same way while above gamma. When k-means makes no progress (all items in one part: identical
/// vectors) the items are cut in order into k runs as equal as possible, the first ones longer,
/// each at most gamma. The randomness is one <see cref="SplitMix64"/> stream from the seed,
/// consumed group by group (0 first), depth first.
///
/// Ids: every cluster of the new version gets a fresh id, continuing the source's counter (ids
/// are never reused, also not across versions), in the order of each cluster's oldest item in the
/// log. Members are listed in log order, the invariant the online step relies on. Each item keeps
/// the group of the cluster it was in, so the result does not depend on reconfigured edges.
/// </remarks>
public static class LifeCycleRecluster
{
    /// <summary>The seed used when the caller does not pass one.</summary>
    public const ulong DefaultSeed = 0x7717_2024_C1D5_0001UL;

    /// <summary>The SPEC's number of k-means iterations.</summary>
    public const int Iterations = 20;

    /// <summary>
    /// Re-clusters <paramref name="source"/>'s log and returns a new state with
    /// <see cref="LifeCycleClusters.Version"/> one above the source's and
    /// <see cref="LifeCycleClusters.CutoffOffset"/> = <paramref name="cutoffOffset"/>; the online
    /// step continues on it with the events after that offset.
    /// </summary>
    /// <param name="source">The user's state as of <paramref name="cutoffOffset"/> (not modified).</param>
    /// <param name="cutoffOffset">The Kafka offset of the last event the source's log reflects.</param>
    /// <param name="options">Options supplying gamma (<c>lifecycle.max_cluster</c>) and the log cap.</param>
    /// <param name="seed">Seed of the k-means++ seeding.</param>
    /// <returns>The re-clustered state.</returns>
    public static LifeCycleClusters Run(LifeCycleClusters source, long cutoffOffset, FeatureOptions options, ulong seed = DefaultSeed)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(options);
        var result = new LifeCycleClusters();
        result.SetVersion(source.Version + 1, cutoffOffset);
        result.SetNextId(source.NextClusterId);
        if (source.Dim == 0)
        {
            return result;
        }
        var dim = source.Dim;
        var gamma = Math.Max(1, options.LifeCycleMaxCluster);
        result.EnsureShape(dim, source.GroupCount);

        var length = source.LogLength;
        var itemGroup = new int[length];
        var capacity = Math.Max(length, options.LifeCycleMaxItems);
        for (var i = 0; i < length; i++)
        {
            var seq = source.FirstSeq + i;
            result.AppendLog(source.ItemOf(seq), source.VectorOf(seq), source.PlayOf(seq), source.DurationOf(seq), source.TsOf(seq), capacity);
            itemGroup[i] = source.GroupOf(source.SlotOf(seq));
        }

        var random = new SplitMix64(seed);
        var parts = new List<(int Group, long[] Members)>();
        for (var g = 0; g < source.GroupCount; g++)
        {
            var items = new List<long>();
            for (var i = 0; i < length; i++)
            {
                if (itemGroup[i] == g)
                {
                    items.Add(result.FirstSeq + i);
                }
            }
            if (items.Count > 0)
            {
                var found = new List<long[]>();
                ClusterRecursively(result, [.. items], gamma, ref random, found);
                foreach (var part in found)
                {
                    parts.Add((g, part));
                }
            }
        }

        parts.Sort((a, b) => a.Members[0].CompareTo(b.Members[0]));
        foreach (var (group, members) in parts)
        {
            result.CreateCluster(result.TakeNextId(), group, members);
        }
        result.AssertInvariants();
        return result;
    }

    private static void ClusterRecursively(LifeCycleClusters log, long[] items, int gamma, ref SplitMix64 random, List<long[]> output)
    {
        var n = items.Length;
        if (n <= gamma)
        {
            output.Add(items);
            return;
        }
        var k = (n + gamma - 1) / gamma;
        var assignment = KMeans(log, items, k, ref random);

        var parts = new List<long[]>();
        for (var c = 0; c < k; c++)
        {
            var part = new List<long>();
            for (var i = 0; i < n; i++)
            {
                if (assignment[i] == c)
                {
                    part.Add(items[i]);
                }
            }
            if (part.Count > 0)
            {
                parts.Add([.. part]);
            }
        }
        if (parts.Count == 1)
        {
            // No progress (identical vectors): runs in order, as equal as possible, first ones longer.
            var start = 0;
            for (var c = 0; c < k; c++)
            {
                var size = (n / k) + (c < n % k ? 1 : 0);
                output.Add(items[start..(start + size)]);
                start += size;
            }
            return;
        }
        foreach (var part in parts)
        {
            ClusterRecursively(log, part, gamma, ref random, output);
        }
    }

    /// <summary>k-means++ seeding and Lloyd iterations by cosine; returns each item's center index.</summary>
    private static int[] KMeans(LifeCycleClusters log, long[] items, int k, ref SplitMix64 random)
    {
        var n = items.Length;
        var dim = log.Dim;
        var points = new CentroidBlocks(dim, n);
        for (var i = 0; i < n; i++)
        {
            points.Add(i, i, log.VectorOf(items[i]));
        }
        var scratch = new float[Math.Max(points.PaddedCount, k + 64)];

        // Seeding.
        var centers = new float[k * dim];
        var weights = new double[n];
        var first = random.NextInt(n);
        log.VectorOf(items[first]).CopyTo(centers);
        points.Cosines(centers.AsSpan(0, dim), CosineTies.InverseNorm(centers.AsSpan(0, dim)), scratch);
        for (var i = 0; i < n; i++)
        {
            weights[i] = Math.Max(0.0, 1.0 - scratch[i]);
        }
        var chosen = 1;
        for (; chosen < k; chosen++)
        {
            double total = 0;
            foreach (var w in weights)
            {
                total += w;
            }
            if (total <= 0)
            {
                break;
            }
            var target = random.NextDouble() * total;
            var pick = -1;
            double running = 0;
            for (var i = 0; i < n; i++)
            {
                if (weights[i] <= 0)
                {
                    continue;
                }
                pick = i;
                running += weights[i];
                if (running > target)
                {
                    break;
                }
            }
            var center = centers.AsSpan(chosen * dim, dim);
            log.VectorOf(items[pick]).CopyTo(center);
            points.Cosines(center, CosineTies.InverseNorm(center), scratch);
            for (var i = 0; i < n; i++)
            {
                weights[i] = Math.Min(weights[i], Math.Max(0.0, 1.0 - scratch[i]));
            }
        }

        var centerBlocks = new CentroidBlocks(dim, chosen);
        for (var c = 0; c < chosen; c++)
        {
            centerBlocks.Add(c, c, centers.AsSpan(c * dim, dim));
        }
        var assignment = new int[n];
        var sums = new double[chosen * dim];
        var counts = new int[chosen];
        var mean = new float[dim];
        var cosines = new float[centerBlocks.PaddedCount];
        for (var iteration = 1; iteration <= Iterations; iteration++)
        {
            var moved = false;
            for (var i = 0; i < n; i++)
            {
                var vector = log.VectorOf(items[i]);
                centerBlocks.Cosines(vector, CosineTies.InverseNorm(vector), cosines);
                var nearest = centerBlocks.Ids[centerBlocks.Nearest(cosines)];
                moved |= iteration == 1 || nearest != assignment[i];
                assignment[i] = nearest;
            }
            if (!moved || iteration == Iterations)
            {
                break;
            }
            Array.Clear(sums);
            Array.Clear(counts);
            for (var i = 0; i < n; i++)
            {
                var vector = log.VectorOf(items[i]);
                var c = assignment[i];
                counts[c]++;
                for (var j = 0; j < dim; j++)
                {
                    sums[(c * dim) + j] += vector[j];
                }
            }
            for (var c = 0; c < chosen; c++)
            {
                if (counts[c] == 0)
                {
                    continue;
                }
                for (var j = 0; j < dim; j++)
                {
                    mean[j] = (float)(sums[(c * dim) + j] / counts[c]);
                }
                // Positions equal center indices: nothing is ever removed from centerBlocks.
                centerBlocks.Set(c, mean);
            }
        }
        return assignment;
    }
}

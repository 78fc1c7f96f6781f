using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Streaming.Core.Features.LifeCycle;

public sealed partial class LifeCycleEngine
{
    // ln n for the sizes a cluster can have under the default gamma and well beyond.
    private static readonly double[] s_logOfSize = [.. Enumerable.Range(0, 65).Select(n => Math.Log(n))];

    /// <summary>
    /// Fills <paramref name="destination"/> with the top <c>lifecycle.top_clusters</c> clusters by
    /// cos(<paramref name="target"/>, centroid) (lower id first on ties), ordered by the attention
    /// <c>a_k = softmax(cos_k / tau + ln n_k)</c> over those clusters, descending (lower id first on
    /// ties); returns how many were written (fewer when the user has fewer clusters).
    /// </summary>
    /// <remarks>
    /// Ranking compares the float32 cosines exactly: a ranking needs a total order, and clusters
    /// of the same direction (one item repeated) get bit-identical centroids, so their ties are exact.
    /// </remarks>
    /// <param name="state">The user's life-cycle state (not modified apart from scratch buffers).</param>
    /// <param name="target">The target item's L2-normalised vector.</param>
    /// <param name="destination">Room for at least min(top_clusters, cluster count) entries.</param>
    /// <returns>The number of entries written.</returns>
    public int TopClusters(LifeCycleClusters state, ReadOnlySpan<float> target, Span<ClusterFeature> destination)
    {
        ArgumentNullException.ThrowIfNull(state);
        var k = Math.Min(Options.LifeCycleTopClusters, state.ClusterCount);
        if (k <= 0)
        {
            return 0;
        }
        if (target.Length != _dim)
        {
            ThrowDimension(target.Length);
        }
        if (destination.Length < k)
        {
            ThrowDestination(destination.Length, k);
        }

        // 1. Every cosine, group after group, into one buffer; padding lanes get -inf.
        var cosines = state.CosineScratch(PaddedTotal(state));
        var inverseNorm = CosineTies.InverseNorm(target);
        var offset = 0;
        for (var g = 0; g < state.GroupCount; g++)
        {
            var blocks = state.Group(g);
            var padded = cosines.Slice(offset, blocks.PaddedCount);
            blocks.Cosines(target, inverseNorm, padded);
            padded[blocks.Count..].Fill(float.NegativeInfinity);
            offset += padded.Length;
        }
        return SelectTop(state, cosines, k, destination);
    }

    /// <summary>
    /// <see cref="TopClusters"/> for four targets at once, with identical results: each centroid
    /// block is read once for the four (a scan of a large user's centroids is bound by memory, not
    /// arithmetic), and each target's cosines are the same fused multiply-add sequence as alone.
    /// </summary>
    /// <param name="state">The user's life-cycle state (not modified apart from scratch buffers).</param>
    /// <param name="four">Four candidates' features: <see cref="CandidateFeatures.Vector"/> is the
    /// target; <see cref="CandidateFeatures.ClusterBuffer"/> and <see cref="CandidateFeatures.ClusterCount"/>
    /// receive the result.</param>
    internal void TopClustersOfFour(LifeCycleClusters state, ReadOnlySpan<CandidateFeatures> four)
    {
        ArgumentNullException.ThrowIfNull(state);
        Debug.Assert(four.Length == 4, "four targets");
        var k = Math.Min(Options.LifeCycleTopClusters, state.ClusterCount);
        foreach (var features in four)
        {
            features.ClusterCount = 0;
            if (features.Vector.Length != _dim)
            {
                ThrowDimension(features.Vector.Length);
            }
            if (k > 0 && features.ClusterBuffer.Length < k)
            {
                ThrowDestination(features.ClusterBuffer.Length, k);
            }
        }
        if (k <= 0)
        {
            return;
        }

        var total = PaddedTotal(state);
        var cosines = state.BatchCosineScratch(4 * total);
        ReadOnlySpan<float> t0 = four[0].Vector, t1 = four[1].Vector, t2 = four[2].Vector, t3 = four[3].Vector;
        float n0 = CosineTies.InverseNorm(t0), n1 = CosineTies.InverseNorm(t1), n2 = CosineTies.InverseNorm(t2), n3 = CosineTies.InverseNorm(t3);
        var offset = 0;
        for (var g = 0; g < state.GroupCount; g++)
        {
            var blocks = state.Group(g);
            var padded = blocks.PaddedCount;
            var c0 = cosines.Slice(offset, padded);
            var c1 = cosines.Slice(total + offset, padded);
            var c2 = cosines.Slice((2 * total) + offset, padded);
            var c3 = cosines.Slice((3 * total) + offset, padded);
            blocks.CosinesOfFour(t0, t1, t2, t3, n0, n1, n2, n3, c0, c1, c2, c3);
            c0[blocks.Count..].Fill(float.NegativeInfinity);
            c1[blocks.Count..].Fill(float.NegativeInfinity);
            c2[blocks.Count..].Fill(float.NegativeInfinity);
            c3[blocks.Count..].Fill(float.NegativeInfinity);
            offset += padded;
        }
        for (var r = 0; r < four.Length; r++)
        {
            four[r].ClusterCount = SelectTop(state, cosines.Slice(r * total, total), k, four[r].ClusterBuffer);
        }
    }

    private static int PaddedTotal(LifeCycleClusters state)
    {
        var total = 0;
        for (var g = 0; g < state.GroupCount; g++)
        {
            total += state.Group(g).PaddedCount;
        }
        return total;
    }

    /// <summary>Steps 2 to 4 of <see cref="TopClusters"/>: the top k of <paramref name="cosines"/> (groups in order, padded), with attention, into <paramref name="destination"/>.</summary>
    private int SelectTop(LifeCycleClusters state, ReadOnlySpan<float> cosines, int k, Span<ClusterFeature> destination)
    {
        // 2. A threshold that at least k cosines reach, found by bisection on vectorised counts
        //    (branch-free passes, unlike a heap whose sift-downs mispredict on random data).
        //    A user with at most k clusters takes them all.
        var (threshold, reaching) = k == state.ClusterCount
            ? (float.MinValue, k)
            : ThresholdForTop(cosines, k);

        // 3. The candidates at or above it, keyed (cosine desc, id asc) in one ulong, sorted; the first k win.
        var (keys, slots) = state.CandidateScratch(reaching);
        var candidates = 0;
        var offset = 0;
        // Four lanes at a time (a group's padding is a whole number of Vector<float> blocks, so
        // never less than four lanes), visiting only the lanes that reach the threshold: a lane
        // mask instead of a branch per cosine, which mispredicted at nearly every candidate. Padding
        // lanes are -inf and NaN never compares, so neither is taken.
        var thresholdVector = Vector128.Create(threshold);
        ref var cosineStart = ref MemoryMarshal.GetReference(cosines);
        for (var g = 0; g < state.GroupCount; g++)
        {
            var blocks = state.Group(g);
            var ids = blocks.Ids;
            var groupSlots = blocks.Keys;
            for (var p = 0; p < blocks.Count; p += Vector128<float>.Count)
            {
                var mask = Vector128.GreaterThanOrEqual(Vector128.LoadUnsafe(ref cosineStart, (nuint)(offset + p)), thresholdVector).ExtractMostSignificantBits();
                while (mask != 0)
                {
                    var lane = p + BitOperations.TrailingZeroCount(mask);
                    mask &= mask - 1;
                    keys[candidates] = RankKey(cosines[offset + lane], ids[lane]);
                    slots[candidates++] = groupSlots[lane];
                }
            }
            offset += blocks.PaddedCount;
        }
        k = Math.Min(k, candidates);   // fewer only when cosines are NaN (a malformed vector)
        if (candidates > k)
        {
            keys.AsSpan(0, candidates).Sort(slots.AsSpan(0, candidates));
        }

        // 4. Attention over the k winners, then the output order (attention desc, id asc).
        var (attention, order) = state.AttentionScratch(k);
        var inverseTau = 1.0 / Options.LifeCycleTau;
        var max = double.NegativeInfinity;
        for (var i = 0; i < k; i++)
        {
            var size = state.SizeOf(slots[i]);
            attention[i] = (CosineOf(keys[i]) * inverseTau) + (size < s_logOfSize.Length ? s_logOfSize[size] : Math.Log(size));
            max = Math.Max(max, attention[i]);
        }
        double sum = 0;
        for (var i = 0; i < k; i++)
        {
            attention[i] = Math.Exp(attention[i] - max);
            sum += attention[i];
        }
        // The output order (attention descending, id ascending) is a total order. Sort one
        // integer key per winner: the attention's bits inverted (an attention is a non-negative
        // double, whose bits order like its value) with the winner's index in the lowest bits;
        // those bits make equal and nearly equal attentions tie-break by index, and the exact
        // insertion pass after the sort puts any such neighbours in the exact order. Sorting
        // integers alone is two to three times faster than sorting doubles with an index array.
        var indexBits = 32 - BitOperations.LeadingZeroCount((uint)(k - 1));
        var indexMask = (1UL << indexBits) - 1;
        for (var i = 0; i < k; i++)
        {
            attention[i] /= sum;
            order[i] = (~BitConverter.DoubleToUInt64Bits(attention[i]) & ~indexMask) | (uint)i;
        }
        order.AsSpan(0, k).Sort();
        PutInExactOrder(order.AsSpan(0, k), indexMask, attention, keys);

        for (var i = 0; i < k; i++)
        {
            var j = (int)(order[i] & indexMask);
            var slot = slots[j];
            var size = state.SizeOf(slot);
            destination[i] = new ClusterFeature(
                ClusterId: IdOf(keys[j]),
                Group: state.GroupOf(slot),
                Size: size,
                MeanCompletion: state.CompletionSumOf(slot) / size,
                MeanPlayMs: (double)state.PlaySumOf(slot) / size,
                MeanDurationMs: (double)state.DurationSumOf(slot) / size,
                RepresentativeItem: state.RepresentativeOf(slot),
                Cosine: CosineOf(keys[j]),
                Attention: attention[j]);
        }
        return k;
    }

    /// <summary>
    /// A value t, found by bisection, that at least k cosines reach, and how many do; it stops
    /// early once at most k + 32 reach it. Equal cosines cannot be separated, so many exact ties
    /// at the boundary just make more candidates.
    /// </summary>
    private static (float Threshold, int Reaching) ThresholdForTop(ReadOnlySpan<float> cosines, int k)
    {
        // Cosines of float32 vectors stay within rounding of [-1, 1]; NaN lanes never count.
        float low = -1.01f, high = 1.01f;
        var reaching = CountAtLeast(cosines, low);
        for (var round = 0; round < 32; round++)
        {
            var middle = (low + high) / 2;
            if (middle <= low || middle >= high)
            {
                break;
            }
            var count = CountAtLeast(cosines, middle);
            if (count >= k)
            {
                low = middle;
                reaching = count;
                if (count <= k + 32)
                {
                    break;
                }
            }
            else
            {
                high = middle;
            }
        }
        return (low, reaching);
    }

    private static int CountAtLeast(ReadOnlySpan<float> cosines, float threshold)
    {
        // The length is a whole number of blocks (padded per group).
        var lanes = Vector<float>.Count;
        var bound = new Vector<float>(threshold);
        var counts = Vector<int>.Zero;
        ref var start = ref MemoryMarshal.GetReference(cosines);
        for (var p = 0; p < cosines.Length; p += lanes)
        {
            // A true lane is all ones, -1 as an int: subtracting counts it.
            counts -= Vector.GreaterThanOrEqual(Vector.LoadUnsafe(ref start, (nuint)p), bound);
        }
        return Vector.Sum(counts);
    }

    /// <summary>
    /// Insertion sort of <paramref name="order"/> (winner indices in the low bits, already sorted
    /// up to the truncated attention bits) by attention descending, then id ascending. Linear when,
    /// as nearly always, no two attentions share their truncated bits.
    /// </summary>
    private static void PutInExactOrder(Span<ulong> order, ulong indexMask, ReadOnlySpan<double> attention, ReadOnlySpan<ulong> keys)
    {
        for (var i = 1; i < order.Length; i++)
        {
            var item = order[i];
            var x = (int)(item & indexMask);
            var j = i;
            while (j > 0 && Precedes(x, (int)(order[j - 1] & indexMask), attention, keys))
            {
                order[j] = order[j - 1];
                j--;
            }
            order[j] = item;
        }
    }

    private static bool Precedes(int a, int b, ReadOnlySpan<double> attention, ReadOnlySpan<ulong> keys) =>
        attention[a] > attention[b] || (attention[a] == attention[b] && IdOf(keys[a]) < IdOf(keys[b]));

    /// <summary>
    /// A key whose ascending order is (cosine descending, id ascending): the cosine's bits mapped to
    /// an order-preserving unsigned value and inverted, above the id. Exact for every float, and
    /// -0 is folded into +0 so that the two compare equal, as floats do.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong RankKey(float cosine, int id)
    {
        var bits = BitConverter.SingleToUInt32Bits(cosine + 0f);
        var ordered = (bits & 0x8000_0000u) != 0 ? ~bits : bits | 0x8000_0000u;
        return ((ulong)~ordered << 32) | (uint)id;
    }

    private static float CosineOf(ulong key)
    {
        var ordered = ~(uint)(key >> 32);
        var bits = (ordered & 0x8000_0000u) != 0 ? ordered & 0x7FFF_FFFFu : ~ordered;
        return BitConverter.UInt32BitsToSingle(bits);
    }

    private static int IdOf(ulong key) => (int)(uint)key;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowDestination(int length, int needed) =>
        throw new ArgumentException($"The destination holds {length} clusters; {needed} are needed.", "destination");
}

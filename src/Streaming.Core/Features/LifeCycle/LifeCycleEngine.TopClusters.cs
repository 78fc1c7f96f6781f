using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Streaming.Core.Features.LifeCycle;

public sealed partial class LifeCycleEngine
{
    /// <summary>
    /// Fills <paramref name="destination"/> with the top <c>lifecycle.top_clusters</c> clusters by
    /// cos(<paramref name="target"/>, centroid) (lower id first on ties), ordered by the attention
    /// <c>a_k = softmax(cos_k / tau + ln n_k)</c> over those clusters, descending (lower id first on
    /// ties); returns how many were written (fewer when the user has fewer clusters).
    /// </summary>
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

        var ranked = SelectTop(state, target, k);
        Attend(state, ranked);
        ranked.Sort(default(RankedCluster.ByAttention));

        for (var i = 0; i < ranked.Length; i++)
        {
            var slot = ranked[i].Slot;
            var size = state.SizeOf(slot);
            destination[i] = new ClusterFeature(
                ClusterId: ranked[i].Id,
                Group: state.GroupOf(slot),
                Size: size,
                MeanCompletion: state.CompletionSumOf(slot) / size,
                MeanPlayMs: (double)state.PlaySumOf(slot) / size,
                MeanDurationMs: (double)state.DurationSumOf(slot) / size,
                RepresentativeItem: state.RepresentativeOf(slot),
                Cosine: ranked[i].Cosine,
                Attention: ranked[i].Attention);
        }
        return ranked.Length;
    }

    /// <summary>
    /// Partial selection of the k best clusters by (cosine desc, id asc): a binary heap of size k
    /// with the worst at its root, so most clusters cost one comparison (a whole block of lanes
    /// is skipped when none reaches the root's cosine).
    /// </summary>
    private static Span<RankedCluster> SelectTop(LifeCycleClusters state, ReadOnlySpan<float> target, int k)
    {
        var heap = state.RankScratch(k);
        var filled = 0;
        var inverseNorm = CosineTies.InverseNorm(target);
        var lanes = Vector<float>.Count;
        for (var g = 0; g < state.GroupCount; g++)
        {
            var blocks = state.Group(g);
            var count = blocks.Count;
            if (count == 0)
            {
                continue;
            }
            var cosines = state.CosineScratch(blocks.PaddedCount);
            blocks.Cosines(target, inverseNorm, cosines);
            var ids = blocks.Ids;
            var keys = blocks.Keys;
            ref var cosineStart = ref MemoryMarshal.GetReference(cosines);
            for (var p = 0; p < count; p++)
            {
                if (filled == k && p % lanes == 0 && p + lanes <= count
                    && !Vector.GreaterThanOrEqualAny(Vector.LoadUnsafe(ref cosineStart, (nuint)p), new Vector<float>(heap[0].Cosine)))
                {
                    p += lanes - 1;
                    continue;
                }
                var cosine = cosines[p];
                if (filled < k)
                {
                    heap[filled++] = new RankedCluster { Cosine = cosine, Id = ids[p], Slot = keys[p] };
                    if (filled == k)
                    {
                        for (var i = (k / 2) - 1; i >= 0; i--)
                        {
                            SiftDown(heap, i);
                        }
                    }
                }
                else
                {
                    var candidate = new RankedCluster { Cosine = cosine, Id = ids[p], Slot = keys[p] };
                    if (candidate.RanksAbove(heap[0].Cosine, heap[0].Id))
                    {
                        heap[0] = candidate;
                        SiftDown(heap, 0);
                    }
                }
            }
        }
        return heap[..filled];
    }

    /// <summary>Attention: a stable softmax (the largest logit subtracted first) in float64.</summary>
    private void Attend(LifeCycleClusters state, Span<RankedCluster> ranked)
    {
        var inverseTau = 1.0 / Options.LifeCycleTau;
        var max = double.NegativeInfinity;
        for (var i = 0; i < ranked.Length; i++)
        {
            var logit = (ranked[i].Cosine * inverseTau) + Math.Log(state.SizeOf(ranked[i].Slot));
            ranked[i].Attention = logit;
            max = Math.Max(max, logit);
        }
        double total = 0;
        for (var i = 0; i < ranked.Length; i++)
        {
            ranked[i].Attention = Math.Exp(ranked[i].Attention - max);
            total += ranked[i].Attention;
        }
        for (var i = 0; i < ranked.Length; i++)
        {
            ranked[i].Attention /= total;
        }
    }

    // Min-heap on rank: the root is the cluster that ranks lowest (smallest cosine, then largest id).
    private static void SiftDown(Span<RankedCluster> heap, int i)
    {
        var item = heap[i];
        while (true)
        {
            var child = (2 * i) + 1;
            if (child >= heap.Length)
            {
                break;
            }
            if (child + 1 < heap.Length && heap[child].RanksAbove(heap[child + 1].Cosine, heap[child + 1].Id))
            {
                child++;
            }
            if (!item.RanksAbove(heap[child].Cosine, heap[child].Id))
            {
                break;
            }
            heap[i] = heap[child];
            i = child;
        }
        heap[i] = item;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowDestination(int length, int needed) =>
        throw new ArgumentException($"The destination holds {length} clusters; {needed} are needed.", "destination");
}

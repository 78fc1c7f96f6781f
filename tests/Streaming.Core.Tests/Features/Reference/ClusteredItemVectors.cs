using System.Collections.Concurrent;
using Streaming.Core.Features.Vectors;

namespace Streaming.Core.Tests.Features.Reference;

/// <summary>
/// Test vectors with structure: items of the same family (id mod 3) point roughly the same way
/// (cosine about 0.95), others are near-orthogonal, so "similar but not the same item" happens.
/// </summary>
internal sealed class ClusteredItemVectors : IItemVectors
{
    private readonly HashItemVectors _hash;
    private readonly ConcurrentDictionary<long, float[]> _cache = new();

    public ClusteredItemVectors(int dimension) => _hash = new HashItemVectors(dimension);

    public int Dimension => _hash.Dimension;

    public void CopyVector(long itemId, Span<float> destination) => _cache.GetOrAdd(itemId, Compute).CopyTo(destination);

    private float[] Compute(long itemId)
    {
        var destination = new float[Dimension];
        var family = new float[Dimension];
        var noise = new float[Dimension];
        _hash.CopyVector(1_000_000 + (((itemId % 3) + 3) % 3), family);
        _hash.CopyVector(itemId, noise);
        var sum = new double[Dimension];
        var norm = 0.0;
        for (var j = 0; j < Dimension; j++)
        {
            sum[j] = family[j] + (0.2 * noise[j]);
            norm += sum[j] * sum[j];
        }
        norm = Math.Sqrt(norm);
        for (var j = 0; j < Dimension; j++)
        {
            destination[j] = (float)(sum[j] / norm);
        }
        return destination;
    }
}

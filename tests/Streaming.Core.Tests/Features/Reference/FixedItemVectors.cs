using Streaming.Core.Features.Vectors;

namespace Streaming.Core.Tests.Features.Reference;

/// <summary>Hand-picked vectors (normalised here); other items get hash vectors.</summary>
internal sealed class FixedItemVectors(int dimension, Dictionary<long, float[]> vectors) : IItemVectors
{
    private readonly HashItemVectors _hash = new(dimension);

    public int Dimension => dimension;

    public void CopyVector(long itemId, Span<float> destination)
    {
        if (!vectors.TryGetValue(itemId, out var v))
        {
            _hash.CopyVector(itemId, destination);
            return;
        }
        var norm = Math.Sqrt(v.Sum(x => (double)x * x));
        for (var j = 0; j < dimension; j++)
        {
            destination[j] = (float)(v[j] / norm);
        }
    }
}

namespace Streaming.Core.Features.Vectors;

/// <summary>
/// The item vectors <c>e(item)</c> of SPEC §2: L2-normalised, <see cref="Dimension"/> floats each,
/// defined for every item id (items a table lacks get a deterministic fallback). Implementations
/// are immutable and safe to share between threads.
/// </summary>
public interface IItemVectors
{
    /// <summary>The dimension d of every vector.</summary>
    int Dimension { get; }

    /// <summary>Writes <c>e(itemId)</c> into <paramref name="destination"/>, which must hold exactly <see cref="Dimension"/> floats.</summary>
    /// <param name="itemId">The item.</param>
    /// <param name="destination">Receives the unit vector.</param>
    void CopyVector(long itemId, Span<float> destination);
}

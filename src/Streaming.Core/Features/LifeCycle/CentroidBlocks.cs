using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Streaming.Core.Features.LifeCycle;

/// <summary>
/// A dense, unordered set of vectors laid out for scanning: positions are grouped in blocks of
/// <see cref="Vector{T}.Count"/> lanes, and a block stores dimension j of all its lanes side by
/// side (<c>[(block * dim + j) * lanes + lane]</c>). One scan multiplies a broadcast query
/// coordinate into a whole block, so no horizontal sums are needed and each lane accumulates its
/// dot product sequentially over j with fused multiply-adds: the result per vector is
/// bit-identical to a scalar <c>MathF.FusedMultiplyAdd</c> loop, whatever the SIMD width or CPU
/// (a fused multiply-add is exactly rounded by definition). Used for a group's cluster centroids
/// (the hot path) and by the re-cluster's k-means.
/// </summary>
internal sealed class CentroidBlocks
{
    private static readonly int s_lanes = Vector<float>.Count;

    private readonly int _dim;
    private float[] _blocks;
    private float[] _inverseNorms;
    private int[] _keys;
    private int[] _ids;

    /// <summary>Creates an empty set of vectors of dimension <paramref name="dim"/>.</summary>
    public CentroidBlocks(int dim, int initialCapacity = 0)
    {
        _dim = dim;
        var capacity = RoundUp(Math.Max(initialCapacity, s_lanes));
        _blocks = new float[capacity * dim];
        _inverseNorms = new float[capacity];
        _keys = new int[capacity];
        _ids = new int[capacity];
    }

    /// <summary>Vectors held; positions 0..Count-1.</summary>
    public int Count { get; private set; }

    /// <summary>Count rounded up to whole blocks: the length a cosine destination needs.</summary>
    public int PaddedCount => RoundUp(Count);

    /// <summary>The caller's key (a cluster slot) at each position.</summary>
    public ReadOnlySpan<int> Keys => _keys.AsSpan(0, Count);

    /// <summary>The id (tie-break order) at each position.</summary>
    public ReadOnlySpan<int> Ids => _ids.AsSpan(0, Count);

    /// <summary>Appends a vector; returns its position.</summary>
    public int Add(int key, int id, ReadOnlySpan<float> vector)
    {
        if (Count == _inverseNorms.Length)
        {
            Grow();
        }
        var position = Count++;
        _keys[position] = key;
        _ids[position] = id;
        Set(position, vector);
        return position;
    }

    /// <summary>Replaces the vector at <paramref name="position"/>.</summary>
    public void Set(int position, ReadOnlySpan<float> vector)
    {
        var lane = position % s_lanes;
        var start = (position - lane) * _dim + lane;
        for (var j = 0; j < _dim; j++)
        {
            _blocks[start + (j * s_lanes)] = vector[j];
        }
        _inverseNorms[position] = CosineTies.InverseNorm(vector);
    }

    /// <summary>Copies the vector at <paramref name="position"/> out.</summary>
    public void CopyTo(int position, Span<float> destination)
    {
        var lane = position % s_lanes;
        var start = (position - lane) * _dim + lane;
        for (var j = 0; j < _dim; j++)
        {
            destination[j] = _blocks[start + (j * s_lanes)];
        }
    }

    /// <summary>
    /// Removes the vector at <paramref name="position"/> by moving the last one into its place;
    /// returns the key of the moved vector (its position is now <paramref name="position"/>), or -1.
    /// </summary>
    public int RemoveAt(int position)
    {
        var last = Count - 1;
        var moved = -1;
        if (position != last)
        {
            Span<float> buffer = stackalloc float[_dim];
            CopyTo(last, buffer);
            var lane = position % s_lanes;
            var start = (position - lane) * _dim + lane;
            for (var j = 0; j < _dim; j++)
            {
                _blocks[start + (j * s_lanes)] = buffer[j];
            }
            _inverseNorms[position] = _inverseNorms[last];
            _keys[position] = _keys[last];
            _ids[position] = _ids[last];
            moved = _keys[position];
        }
        // Zeroed padding keeps the lanes past Count at cosine 0 (callers ignore them anyway).
        var lastLane = last % s_lanes;
        var lastStart = (last - lastLane) * _dim + lastLane;
        for (var j = 0; j < _dim; j++)
        {
            _blocks[lastStart + (j * s_lanes)] = 0f;
        }
        _inverseNorms[last] = 0f;
        Count = last;
        return moved;
    }

    /// <summary>Forgets every vector, keeping the storage.</summary>
    public void Clear()
    {
        Array.Clear(_blocks);
        Array.Clear(_inverseNorms);
        Count = 0;
    }

    /// <summary>
    /// Writes <c>dot(query, v_p) * (1/|v_p|) * queryInverseNorm</c> for every position p to
    /// <paramref name="destination"/> (length at least <see cref="PaddedCount"/>; lanes past Count get 0).
    /// </summary>
    public void Cosines(ReadOnlySpan<float> query, float queryInverseNorm, Span<float> destination)
    {
        var blockCount = PaddedCount / s_lanes;
        if (destination.Length < blockCount * s_lanes || query.Length != _dim)
        {
            ThrowBadLength();
        }
        ref var blocks = ref MemoryMarshal.GetArrayDataReference(_blocks);
        ref var norms = ref MemoryMarshal.GetArrayDataReference(_inverseNorms);
        ref var q = ref MemoryMarshal.GetReference(query);
        ref var dest = ref MemoryMarshal.GetReference(destination);
        var scale = new Vector<float>(queryInverseNorm);
        var blockStride = _dim * s_lanes;
        var b = 0;
        // Independent blocks per pass hide the latency of the sequential per-lane sums: a fused
        // multiply-add takes ~4 cycles and two can start per cycle, so eight chains keep the
        // units busy (four left the scan latency-bound at half speed). Each lane's sum is still
        // the same sequence over j, so the results do not depend on how many blocks share a pass.
        for (; b + 8 <= blockCount; b += 8)
        {
            var a0 = Vector<float>.Zero;
            var a1 = Vector<float>.Zero;
            var a2 = Vector<float>.Zero;
            var a3 = Vector<float>.Zero;
            var a4 = Vector<float>.Zero;
            var a5 = Vector<float>.Zero;
            var a6 = Vector<float>.Zero;
            var a7 = Vector<float>.Zero;
            var stride = (nuint)blockStride;
            ref var row = ref Unsafe.Add(ref blocks, b * blockStride);
            for (var j = 0; j < _dim; j++)
            {
                var x = new Vector<float>(Unsafe.Add(ref q, j));
                a0 = Vector.FusedMultiplyAdd(x, Vector.LoadUnsafe(ref row), a0);
                a1 = Vector.FusedMultiplyAdd(x, Vector.LoadUnsafe(ref row, stride), a1);
                a2 = Vector.FusedMultiplyAdd(x, Vector.LoadUnsafe(ref row, 2 * stride), a2);
                a3 = Vector.FusedMultiplyAdd(x, Vector.LoadUnsafe(ref row, 3 * stride), a3);
                a4 = Vector.FusedMultiplyAdd(x, Vector.LoadUnsafe(ref row, 4 * stride), a4);
                a5 = Vector.FusedMultiplyAdd(x, Vector.LoadUnsafe(ref row, 5 * stride), a5);
                a6 = Vector.FusedMultiplyAdd(x, Vector.LoadUnsafe(ref row, 6 * stride), a6);
                a7 = Vector.FusedMultiplyAdd(x, Vector.LoadUnsafe(ref row, 7 * stride), a7);
                row = ref Unsafe.Add(ref row, s_lanes);
            }
            var lane0 = (nuint)(b * s_lanes);
            var lanes = (nuint)s_lanes;
            (a0 * Vector.LoadUnsafe(ref norms, lane0) * scale).StoreUnsafe(ref dest, lane0);
            (a1 * Vector.LoadUnsafe(ref norms, lane0 + lanes) * scale).StoreUnsafe(ref dest, lane0 + lanes);
            (a2 * Vector.LoadUnsafe(ref norms, lane0 + (2 * lanes)) * scale).StoreUnsafe(ref dest, lane0 + (2 * lanes));
            (a3 * Vector.LoadUnsafe(ref norms, lane0 + (3 * lanes)) * scale).StoreUnsafe(ref dest, lane0 + (3 * lanes));
            (a4 * Vector.LoadUnsafe(ref norms, lane0 + (4 * lanes)) * scale).StoreUnsafe(ref dest, lane0 + (4 * lanes));
            (a5 * Vector.LoadUnsafe(ref norms, lane0 + (5 * lanes)) * scale).StoreUnsafe(ref dest, lane0 + (5 * lanes));
            (a6 * Vector.LoadUnsafe(ref norms, lane0 + (6 * lanes)) * scale).StoreUnsafe(ref dest, lane0 + (6 * lanes));
            (a7 * Vector.LoadUnsafe(ref norms, lane0 + (7 * lanes)) * scale).StoreUnsafe(ref dest, lane0 + (7 * lanes));
        }
        for (; b + 4 <= blockCount; b += 4)
        {
            var a0 = Vector<float>.Zero;
            var a1 = Vector<float>.Zero;
            var a2 = Vector<float>.Zero;
            var a3 = Vector<float>.Zero;
            var offset = (nuint)(b * blockStride);
            for (var j = 0; j < _dim; j++)
            {
                var x = new Vector<float>(Unsafe.Add(ref q, j));
                var row = offset + (nuint)(j * s_lanes);
                a0 = Vector.FusedMultiplyAdd(x, Vector.LoadUnsafe(ref blocks, row), a0);
                a1 = Vector.FusedMultiplyAdd(x, Vector.LoadUnsafe(ref blocks, row + (nuint)blockStride), a1);
                a2 = Vector.FusedMultiplyAdd(x, Vector.LoadUnsafe(ref blocks, row + (nuint)(2 * blockStride)), a2);
                a3 = Vector.FusedMultiplyAdd(x, Vector.LoadUnsafe(ref blocks, row + (nuint)(3 * blockStride)), a3);
            }
            var lane0 = (nuint)(b * s_lanes);
            var lanes = (nuint)s_lanes;
            (a0 * Vector.LoadUnsafe(ref norms, lane0) * scale).StoreUnsafe(ref dest, lane0);
            (a1 * Vector.LoadUnsafe(ref norms, lane0 + lanes) * scale).StoreUnsafe(ref dest, lane0 + lanes);
            (a2 * Vector.LoadUnsafe(ref norms, lane0 + (2 * lanes)) * scale).StoreUnsafe(ref dest, lane0 + (2 * lanes));
            (a3 * Vector.LoadUnsafe(ref norms, lane0 + (3 * lanes)) * scale).StoreUnsafe(ref dest, lane0 + (3 * lanes));
        }
        for (; b < blockCount; b++)
        {
            var a0 = Vector<float>.Zero;
            var offset = (nuint)(b * blockStride);
            for (var j = 0; j < _dim; j++)
            {
                a0 = Vector.FusedMultiplyAdd(new Vector<float>(Unsafe.Add(ref q, j)), Vector.LoadUnsafe(ref blocks, offset + (nuint)(j * s_lanes)), a0);
            }
            var lane0 = (nuint)(b * s_lanes);
            (a0 * Vector.LoadUnsafe(ref norms, lane0) * scale).StoreUnsafe(ref dest, lane0);
        }
    }

    /// <summary>
    /// <see cref="Cosines"/> for four queries at once, bit-identical to four calls: each block row
    /// is loaded once and multiplied into all four queries' accumulators, which reads the vectors
    /// once instead of four times (a large set does not fit in the core's cache).
    /// </summary>
    public void CosinesOfFour(
        ReadOnlySpan<float> q0, ReadOnlySpan<float> q1, ReadOnlySpan<float> q2, ReadOnlySpan<float> q3,
        float inverseNorm0, float inverseNorm1, float inverseNorm2, float inverseNorm3,
        Span<float> d0, Span<float> d1, Span<float> d2, Span<float> d3)
    {
        var blockCount = PaddedCount / s_lanes;
        var needed = blockCount * s_lanes;
        if (q0.Length != _dim || q1.Length != _dim || q2.Length != _dim || q3.Length != _dim
            || d0.Length < needed || d1.Length < needed || d2.Length < needed || d3.Length < needed)
        {
            ThrowBadLength();
        }
        ref var blocks = ref MemoryMarshal.GetArrayDataReference(_blocks);
        ref var norms = ref MemoryMarshal.GetArrayDataReference(_inverseNorms);
        ref var r0 = ref MemoryMarshal.GetReference(q0);
        ref var r1 = ref MemoryMarshal.GetReference(q1);
        ref var r2 = ref MemoryMarshal.GetReference(q2);
        ref var r3 = ref MemoryMarshal.GetReference(q3);
        var scale0 = new Vector<float>(inverseNorm0);
        var scale1 = new Vector<float>(inverseNorm1);
        var scale2 = new Vector<float>(inverseNorm2);
        var scale3 = new Vector<float>(inverseNorm3);
        var blockStride = _dim * s_lanes;
        var lanes = (nuint)s_lanes;
        var b = 0;
        // Two blocks x four queries: eight independent chains, as in Cosines.
        for (; b + 2 <= blockCount; b += 2)
        {
            Vector<float> a00 = default, a01 = default, a10 = default, a11 = default;
            Vector<float> a20 = default, a21 = default, a30 = default, a31 = default;
            var stride = (nuint)blockStride;
            ref var row = ref Unsafe.Add(ref blocks, b * blockStride);
            for (var j = 0; j < _dim; j++)
            {
                var v0 = Vector.LoadUnsafe(ref row);
                var v1 = Vector.LoadUnsafe(ref row, stride);
                var x = new Vector<float>(Unsafe.Add(ref r0, j));
                a00 = Vector.FusedMultiplyAdd(x, v0, a00);
                a01 = Vector.FusedMultiplyAdd(x, v1, a01);
                x = new Vector<float>(Unsafe.Add(ref r1, j));
                a10 = Vector.FusedMultiplyAdd(x, v0, a10);
                a11 = Vector.FusedMultiplyAdd(x, v1, a11);
                x = new Vector<float>(Unsafe.Add(ref r2, j));
                a20 = Vector.FusedMultiplyAdd(x, v0, a20);
                a21 = Vector.FusedMultiplyAdd(x, v1, a21);
                x = new Vector<float>(Unsafe.Add(ref r3, j));
                a30 = Vector.FusedMultiplyAdd(x, v0, a30);
                a31 = Vector.FusedMultiplyAdd(x, v1, a31);
                row = ref Unsafe.Add(ref row, s_lanes);
            }
            var lane0 = (nuint)(b * s_lanes);
            var norm0 = Vector.LoadUnsafe(ref norms, lane0);
            var norm1 = Vector.LoadUnsafe(ref norms, lane0 + lanes);
            (a00 * norm0 * scale0).StoreUnsafe(ref MemoryMarshal.GetReference(d0), lane0);
            (a01 * norm1 * scale0).StoreUnsafe(ref MemoryMarshal.GetReference(d0), lane0 + lanes);
            (a10 * norm0 * scale1).StoreUnsafe(ref MemoryMarshal.GetReference(d1), lane0);
            (a11 * norm1 * scale1).StoreUnsafe(ref MemoryMarshal.GetReference(d1), lane0 + lanes);
            (a20 * norm0 * scale2).StoreUnsafe(ref MemoryMarshal.GetReference(d2), lane0);
            (a21 * norm1 * scale2).StoreUnsafe(ref MemoryMarshal.GetReference(d2), lane0 + lanes);
            (a30 * norm0 * scale3).StoreUnsafe(ref MemoryMarshal.GetReference(d3), lane0);
            (a31 * norm1 * scale3).StoreUnsafe(ref MemoryMarshal.GetReference(d3), lane0 + lanes);
        }
        if (b < blockCount)
        {
            Vector<float> a0 = default, a1 = default, a2 = default, a3 = default;
            ref var row = ref Unsafe.Add(ref blocks, b * blockStride);
            for (var j = 0; j < _dim; j++)
            {
                var v = Vector.LoadUnsafe(ref row);
                a0 = Vector.FusedMultiplyAdd(new Vector<float>(Unsafe.Add(ref r0, j)), v, a0);
                a1 = Vector.FusedMultiplyAdd(new Vector<float>(Unsafe.Add(ref r1, j)), v, a1);
                a2 = Vector.FusedMultiplyAdd(new Vector<float>(Unsafe.Add(ref r2, j)), v, a2);
                a3 = Vector.FusedMultiplyAdd(new Vector<float>(Unsafe.Add(ref r3, j)), v, a3);
                row = ref Unsafe.Add(ref row, s_lanes);
            }
            var lane0 = (nuint)(b * s_lanes);
            var norm = Vector.LoadUnsafe(ref norms, lane0);
            (a0 * norm * scale0).StoreUnsafe(ref MemoryMarshal.GetReference(d0), lane0);
            (a1 * norm * scale1).StoreUnsafe(ref MemoryMarshal.GetReference(d1), lane0);
            (a2 * norm * scale2).StoreUnsafe(ref MemoryMarshal.GetReference(d2), lane0);
            (a3 * norm * scale3).StoreUnsafe(ref MemoryMarshal.GetReference(d3), lane0);
        }
    }

    /// <summary>
    /// The position holding the largest of <paramref name="cosines"/>[0..Count) under the tie rule
    /// (lowest id among those within <see cref="CosineTies.Tolerance"/> of the maximum), or -1 when empty.
    /// </summary>
    public int Nearest(ReadOnlySpan<float> cosines)
    {
        var count = Count;
        if (count == 0)
        {
            return -1;
        }
        var max = MaxOf(cosines[..count]);
        var floor = max - CosineTies.Tolerance;
        var best = -1;
        var bestId = int.MaxValue;
        var p = 0;
        var floorVector = new Vector<float>(floor);
        for (; p + s_lanes <= count; p += s_lanes)
        {
            if (!Vector.GreaterThanOrEqualAny(Vector.LoadUnsafe(ref MemoryMarshal.GetReference(cosines), (nuint)p), floorVector))
            {
                continue;
            }
            for (var l = p; l < p + s_lanes; l++)
            {
                if (cosines[l] >= floor && _ids[l] < bestId)
                {
                    best = l;
                    bestId = _ids[l];
                }
            }
        }
        for (; p < count; p++)
        {
            if (cosines[p] >= floor && _ids[p] < bestId)
            {
                best = p;
                bestId = _ids[p];
            }
        }
        return best;
    }

    private static float MaxOf(ReadOnlySpan<float> values)
    {
        var p = 0;
        var max = float.NegativeInfinity;
        if (values.Length >= s_lanes)
        {
            var m = new Vector<float>(float.NegativeInfinity);
            ref var start = ref MemoryMarshal.GetReference(values);
            for (; p + s_lanes <= values.Length; p += s_lanes)
            {
                m = Vector.Max(m, Vector.LoadUnsafe(ref start, (nuint)p));
            }
            for (var l = 0; l < s_lanes; l++)
            {
                max = Math.Max(max, m[l]);
            }
        }
        for (; p < values.Length; p++)
        {
            max = Math.Max(max, values[p]);
        }
        return max;
    }

    private static int RoundUp(int count) => (count + s_lanes - 1) / s_lanes * s_lanes;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow()
    {
        var capacity = _inverseNorms.Length * 2;
        Array.Resize(ref _blocks, capacity * _dim);
        Array.Resize(ref _inverseNorms, capacity);
        Array.Resize(ref _keys, capacity);
        Array.Resize(ref _ids, capacity);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowBadLength() => throw new ArgumentException("Query dimension or cosine destination length does not match.");
}

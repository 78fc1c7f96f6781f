using System.Diagnostics;
using System.Numerics;
using Streaming.Core.Features.Vectors;

namespace Streaming.Core.Features;

/// <summary>
/// The events of one user whose time is recent enough to count in some time window, kept sorted by
/// event time (ties in the order applied) in a ring, each with a payload and optionally a vector.
/// Invariants: at most <see cref="MaxCount"/> events; when full, the oldest by event time leaves
/// first (which is the new event itself when it is the oldest). Appending in time order is O(1);
/// a late event is inserted at its place by shifting the newer ones (late events are rare, and the
/// window is bounded). Storage grows by doubling up to the bound and is never given back, so a
/// user in steady state allocates nothing.
/// </summary>
/// <typeparam name="T">The per-event payload.</typeparam>
internal sealed class TimeOrderedWindow<T>
    where T : struct
{
    private const int InitialCapacity = 8;

    private readonly int _vectorWidth;
    private long[] _ts;
    private T[] _payload;
    private float[] _vectors;
    private int _mask;
    private int _head;

    public TimeOrderedWindow(int maxCount, int vectorWidth)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
        MaxCount = maxCount;
        _vectorWidth = vectorWidth;
        var capacity = Math.Min(InitialCapacity, (int)BitOperations.RoundUpToPowerOf2((uint)maxCount));
        _ts = new long[capacity];
        _payload = new T[capacity];
        _vectors = new float[capacity * vectorWidth];
        _mask = capacity - 1;
    }

    /// <summary>The bound on the number of events.</summary>
    public int MaxCount { get; }

    /// <summary>Events held.</summary>
    public int Count { get; private set; }

    /// <summary>Event time of the i-th event, oldest first.</summary>
    public long TsAt(int index) => _ts[(_head + index) & _mask];

    /// <summary>Payload of the i-th event, oldest first.</summary>
    public ref readonly T PayloadAt(int index) => ref _payload[(_head + index) & _mask];

    /// <summary>Vector of the i-th event, oldest first.</summary>
    public ReadOnlySpan<float> VectorAt(int index) => _vectors.AsSpan(((_head + index) & _mask) * _vectorWidth, _vectorWidth);

    /// <summary>The first index whose event time is after <paramref name="tsMs"/> (<see cref="Count"/> when none is).</summary>
    public int UpperBound(long tsMs)
    {
        int lo = 0, hi = Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (TsAt(mid) <= tsMs)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }

    /// <summary>The payloads of events <paramref name="from"/> .. <paramref name="to"/> - 1 as at most two runs of storage, oldest first.</summary>
    public void GetPayloadRuns(int from, int to, out ReadOnlySpan<T> first, out ReadOnlySpan<T> second)
    {
        Debug.Assert(0 <= from && from <= to && to <= Count, "range");
        var start = (_head + from) & _mask;
        var length = Math.Min(to - from, _ts.Length - start);
        first = _payload.AsSpan(start, length);
        second = _payload.AsSpan(0, to - from - length);
    }

    /// <summary>Dot products of the vectors of events <paramref name="from"/> .. <paramref name="to"/> - 1 with <paramref name="target"/>.</summary>
    public void DotRange(int from, int to, ReadOnlySpan<float> target, Span<float> destination)
    {
        Debug.Assert(destination.Length == to - from && target.Length == _vectorWidth, "shapes");
        // The range is at most two runs of the ring's storage: up to its end, then from its start.
        var start = (_head + from) & _mask;
        var first = Math.Min(to - from, _ts.Length - start);
        VectorMath.DotRows(_vectors.AsSpan(start * _vectorWidth, first * _vectorWidth), target, destination[..first]);
        var rest = to - from - first;
        if (rest > 0)
        {
            VectorMath.DotRows(_vectors.AsSpan(0, rest * _vectorWidth), target, destination[first..]);
        }
    }

    /// <summary>Drops every event with time at or before <paramref name="cutoffTsMs"/>.</summary>
    public void EvictThrough(long cutoffTsMs)
    {
        while (Count > 0 && _ts[_head] <= cutoffTsMs)
        {
            RemoveOldest();
        }
    }

    /// <summary>Inserts an event at its place in time order; returns false when it was dropped at once (full, and the oldest).</summary>
    public bool Insert(long tsMs, in T payload, ReadOnlySpan<float> vector)
    {
        Debug.Assert(vector.Length == _vectorWidth, "vector width");
        var position = Count;
        while (position > 0 && TsAt(position - 1) > tsMs)
        {
            position--;
        }
        if (Count == MaxCount)
        {
            if (position == 0)
            {
                return false;
            }
            RemoveOldest();
            position--;
        }
        if (Count == _ts.Length)
        {
            Grow();
        }
        for (var i = Count; i > position; i--)
        {
            Move(i - 1, i);
        }
        var slot = (_head + position) & _mask;
        _ts[slot] = tsMs;
        _payload[slot] = payload;
        vector.CopyTo(_vectors.AsSpan(slot * _vectorWidth, _vectorWidth));
        Count++;
        AssertInvariants();
        return true;
    }

    /// <summary>Removes every event.</summary>
    public void Clear()
    {
        _head = 0;
        Count = 0;
    }

    private void RemoveOldest()
    {
        _head = (_head + 1) & _mask;
        Count--;
    }

    private void Move(int fromIndex, int toIndex)
    {
        var from = (_head + fromIndex) & _mask;
        var to = (_head + toIndex) & _mask;
        _ts[to] = _ts[from];
        _payload[to] = _payload[from];
        if (_vectorWidth > 0)
        {
            _vectors.AsSpan(from * _vectorWidth, _vectorWidth).CopyTo(_vectors.AsSpan(to * _vectorWidth, _vectorWidth));
        }
    }

    private void Grow()
    {
        var capacity = _ts.Length * 2;
        var ts = new long[capacity];
        var payload = new T[capacity];
        var vectors = new float[capacity * _vectorWidth];
        for (var i = 0; i < Count; i++)
        {
            var from = (_head + i) & _mask;
            ts[i] = _ts[from];
            payload[i] = _payload[from];
            _vectors.AsSpan(from * _vectorWidth, _vectorWidth).CopyTo(vectors.AsSpan(i * _vectorWidth, _vectorWidth));
        }
        _ts = ts;
        _payload = payload;
        _vectors = vectors;
        _mask = capacity - 1;
        _head = 0;
    }

    [Conditional("DEBUG")]
    private void AssertInvariants()
    {
        Debug.Assert(Count <= MaxCount, "bounded");
        for (var i = 1; i < Count; i++)
        {
            Debug.Assert(TsAt(i - 1) <= TsAt(i), "sorted by event time");
        }
    }
}

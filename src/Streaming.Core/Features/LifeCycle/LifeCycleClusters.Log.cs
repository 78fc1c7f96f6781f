using System.Runtime.CompilerServices;

namespace Streaming.Core.Features.LifeCycle;

// The life-cycle log: a ring of the items applied, oldest first. Items are named by a sequence
// number (seq) that grows by one per appended item and never changes, so cluster member lists
// stay valid when the ring wraps or grows; the ring position of seq is head + (seq - firstSeq).
public sealed partial class LifeCycleClusters
{
    private const int InitialLogCapacity = 64;

    private long[] _logItem = [];
    private float[] _logVector = [];
    private int[] _logPlay = [];
    private int[] _logDuration = [];
    private long[] _logTs = [];
    private int[] _logSlot = [];
    private int _logHead;
    private int _logCount;
    private long _firstSeq;

    /// <summary>The seq of the oldest log item (the next one to be evicted).</summary>
    internal long FirstSeq => _firstSeq;

    /// <summary>Completion c = min(play / duration, 1), with a negative play time counted as 0.</summary>
    internal static double Completion(int playTimeMs, int durationMs) =>
        playTimeMs <= 0 ? 0.0 : Math.Min((double)playTimeMs / durationMs, 1.0);

    /// <summary>Appends an item (its cluster slot set later by the caller); returns its seq.</summary>
    internal long AppendLog(long itemId, ReadOnlySpan<float> vector, int playTimeMs, int durationMs, long tsMs, int capacityLimit)
    {
        if (_logCount == _logItem.Length)
        {
            GrowLog(capacityLimit);
        }
        var position = _logHead + _logCount;
        if (position >= _logItem.Length)
        {
            position -= _logItem.Length;
        }
        _logItem[position] = itemId;
        vector.CopyTo(_logVector.AsSpan(position * _dim, _dim));
        _logPlay[position] = playTimeMs;
        _logDuration[position] = durationMs;
        _logTs[position] = tsMs;
        _logSlot[position] = -1;
        _logCount++;
        return _firstSeq + _logCount - 1;
    }

    /// <summary>Drops the oldest log item from the ring (its cluster is the caller's business); returns its slot.</summary>
    internal int DropOldestLogItem()
    {
        var slot = _logSlot[_logHead];
        _logHead++;
        if (_logHead == _logItem.Length)
        {
            _logHead = 0;
        }
        _logCount--;
        _firstSeq++;
        return slot;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal int Position(long seq)
    {
        var position = _logHead + (int)(seq - _firstSeq);
        return position >= _logItem.Length ? position - _logItem.Length : position;
    }

    internal long ItemOf(long seq) => _logItem[Position(seq)];

    internal ReadOnlySpan<float> VectorOf(long seq) => _logVector.AsSpan(Position(seq) * _dim, _dim);

    internal int PlayOf(long seq) => _logPlay[Position(seq)];

    internal int DurationOf(long seq) => _logDuration[Position(seq)];

    internal long TsOf(long seq) => _logTs[Position(seq)];

    internal int SlotOf(long seq) => _logSlot[Position(seq)];

    internal void SetSlotOf(long seq, int slot) => _logSlot[Position(seq)] = slot;

    /// <summary>
    /// Makes room for <paramref name="capacity"/> items at once (a decoded log's length), so that
    /// reading a long log does not regrow the ring by doubling; never shrinks.
    /// </summary>
    internal void ReserveLog(int capacity)
    {
        if (capacity > _logItem.Length)
        {
            ResizeLog(capacity);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void GrowLog(int capacityLimit)
    {
        // Grows by doubling up to the cap, so a user at the cap never reallocates; the ring is
        // unrolled so the oldest item lands at position 0.
        var old = _logItem.Length;
        ResizeLog(Math.Max(_logCount + 1, Math.Min(Math.Max(old * 2, InitialLogCapacity), Math.Max(capacityLimit, 1))));
    }

    private void ResizeLog(int capacity)
    {
        _logItem = Unroll(_logItem, capacity, 1);
        _logVector = Unroll(_logVector, capacity, _dim);
        _logPlay = Unroll(_logPlay, capacity, 1);
        _logDuration = Unroll(_logDuration, capacity, 1);
        _logTs = Unroll(_logTs, capacity, 1);
        _logSlot = Unroll(_logSlot, capacity, 1);
        _logHead = 0;
    }

    private T[] Unroll<T>(T[] ring, int capacity, int width)
    {
        var fresh = new T[capacity * width];
        var firstRun = Math.Min(_logCount, (ring.Length / width) - _logHead);
        ring.AsSpan(_logHead * width, firstRun * width).CopyTo(fresh);
        ring.AsSpan(0, (_logCount - firstRun) * width).CopyTo(fresh.AsSpan(firstRun * width));
        return fresh;
    }
}

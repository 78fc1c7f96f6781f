using System.Runtime.CompilerServices;

namespace Streaming.Core.Features.LifeCycle;

// Clusters live in slots (struct-of-arrays, indexed by slot). Slots of removed clusters are
// recycled together with their member arrays, so a user whose cluster count is steady allocates
// nothing. The slot is internal; the id is what the SPEC and the encoding know.
public sealed partial class LifeCycleClusters
{
    private const int InitialSlotCapacity = 16;
    private const int InitialMemberCapacity = 17;

    private int _slotCount;
    private int[] _freeSlots = [];
    private int _freeCount;

    private int[] _clusterId = [];
    private int[] _clusterGroup = [];
    private int[] _clusterPosition = [];
    private int[] _memberCount = [];
    private long[][] _members = [];
    private long[] _playSum = [];
    private long[] _durationSum = [];
    private double[] _completionSum = [];
    private long[] _lastTs = [];
    private long[] _representative = [];

    private double[] _sumScratch = [];
    private float[] _meanScratch = [];

    internal int IdOf(int slot) => _clusterId[slot];

    internal int GroupOf(int slot) => _clusterGroup[slot];

    internal int SizeOf(int slot) => _memberCount[slot];

    internal ReadOnlySpan<long> MembersOf(int slot) => _members[slot].AsSpan(0, _memberCount[slot]);

    internal long PlaySumOf(int slot) => _playSum[slot];

    internal long DurationSumOf(int slot) => _durationSum[slot];

    internal double CompletionSumOf(int slot) => _completionSum[slot];

    internal long LastTsOf(int slot) => _lastTs[slot];

    internal long RepresentativeOf(int slot) => _representative[slot];

    internal void CentroidOf(int slot, Span<float> destination) => _groups[_clusterGroup[slot]].CopyTo(_clusterPosition[slot], destination);

    /// <summary>Every live slot, in no particular order.</summary>
    internal IEnumerable<int> LiveSlots()
    {
        for (var slot = 0; slot < _slotCount; slot++)
        {
            if (_memberCount[slot] > 0)
            {
                yield return slot;
            }
        }
    }

    /// <summary>Creates a cluster with the given id and members (in log order); returns its slot.</summary>
    internal int CreateCluster(int id, int group, ReadOnlySpan<long> members)
    {
        var slot = _freeCount > 0 ? _freeSlots[--_freeCount] : NewSlot();
        _clusterId[slot] = id;
        _clusterGroup[slot] = group;
        // Placeholder centroid; SetMembers computes the real one.
        _clusterPosition[slot] = _groups[group].Add(slot, id, _meanScratch);
        ClusterCount++;
        SetMembers(slot, members);
        return slot;
    }

    /// <summary>Replaces a cluster's members (in log order) and recomputes what derives from them.</summary>
    internal void SetMembers(int slot, ReadOnlySpan<long> members)
    {
        if (_members[slot].Length < members.Length)
        {
            _members[slot] = new long[Math.Max(members.Length, _members[slot].Length * 2)];
        }
        members.CopyTo(_members[slot]);
        _memberCount[slot] = members.Length;
        foreach (var seq in members)
        {
            SetSlotOf(seq, slot);
        }
        Refresh(slot);
    }

    /// <summary>Appends one member (newer than every current member).</summary>
    internal void AddMember(int slot, long seq)
    {
        var count = _memberCount[slot];
        if (_members[slot].Length == count)
        {
            Array.Resize(ref _members[slot], count * 2);
        }
        _members[slot][count] = seq;
        _memberCount[slot] = count + 1;
        SetSlotOf(seq, slot);
        Refresh(slot);
    }

    /// <summary>
    /// Evicts the oldest log item: it leaves its cluster (always that cluster's first member),
    /// which shrinks, or is removed when emptied.
    /// </summary>
    internal void EvictOldest()
    {
        var seq = _firstSeq;
        var slot = DropOldestLogItem();
        var count = _memberCount[slot] - 1;
        var members = _members[slot];
        // By the log-order invariant the evicted item is members[0]; search anyway to stay safe
        // if a decoded state broke it.
        var index = members[0] == seq ? 0 : Array.IndexOf(members, seq, 0, count + 1);
        Array.Copy(members, index + 1, members, index, count - index);
        _memberCount[slot] = count;
        if (count == 0)
        {
            RemoveCluster(slot);
        }
        else
        {
            Refresh(slot);
        }
    }

    private void RemoveCluster(int slot)
    {
        var moved = _groups[_clusterGroup[slot]].RemoveAt(_clusterPosition[slot]);
        if (moved >= 0)
        {
            _clusterPosition[moved] = _clusterPosition[slot];
        }
        _memberCount[slot] = 0;
        _clusterId[slot] = -1;
        if (_freeCount == _freeSlots.Length)
        {
            Array.Resize(ref _freeSlots, Math.Max(InitialSlotCapacity, _freeSlots.Length * 2));
        }
        _freeSlots[_freeCount++] = slot;
        ClusterCount--;
    }

    /// <summary>
    /// Recomputes a cluster from its members: centroid (mean, summed in float64 in member order,
    /// stored as float32), sums, last event time (the largest ts_ms among the members) and the
    /// representative (largest cosine to the centroid; lowest item id among those within
    /// <see cref="CosineTies.Tolerance"/> of it).
    /// </summary>
    private void Refresh(int slot)
    {
        var members = MembersOf(slot);
        var sum = _sumScratch.AsSpan();
        sum.Clear();
        long play = 0, duration = 0, last = long.MinValue;
        double completion = 0;
        foreach (var seq in members)
        {
            var position = Position(seq);
            var vector = _logVector.AsSpan(position * _dim, _dim);
            for (var j = 0; j < sum.Length; j++)
            {
                sum[j] += vector[j];
            }
            play += _logPlay[position];
            duration += _logDuration[position];
            completion += Completion(_logPlay[position], _logDuration[position]);
            last = Math.Max(last, _logTs[position]);
        }
        var mean = _meanScratch.AsSpan();
        for (var j = 0; j < mean.Length; j++)
        {
            mean[j] = (float)(sum[j] / members.Length);
        }
        _groups[_clusterGroup[slot]].Set(_clusterPosition[slot], mean);
        _playSum[slot] = play;
        _durationSum[slot] = duration;
        _completionSum[slot] = completion;
        _lastTs[slot] = last;

        if (members.Length == 1)
        {
            _representative[slot] = _logItem[Position(members[0])];
            return;
        }
        // cos(member, mean) with |mean| computed once; the ranking is what matters, in float64.
        double meanNorm = 0;
        foreach (var x in mean)
        {
            meanNorm += (double)x * x;
        }
        meanNorm = Math.Sqrt(meanNorm);
        var best = double.NegativeInfinity;
        Span<double> cosines = members.Length <= 64 ? stackalloc double[members.Length] : new double[members.Length];
        for (var i = 0; i < members.Length; i++)
        {
            var vector = VectorOf(members[i]);
            double dot = 0, norm = 0;
            for (var j = 0; j < vector.Length; j++)
            {
                dot += (double)vector[j] * mean[j];
                norm += (double)vector[j] * vector[j];
            }
            cosines[i] = norm > 0 && meanNorm > 0 ? dot / (Math.Sqrt(norm) * meanNorm) : 0;
            best = Math.Max(best, cosines[i]);
        }
        var representative = long.MaxValue;
        for (var i = 0; i < members.Length; i++)
        {
            var item = ItemOf(members[i]);
            if (cosines[i] >= best - CosineTies.Tolerance && item < representative)
            {
                representative = item;
            }
        }
        _representative[slot] = representative;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private int NewSlot()
    {
        if (_slotCount == _clusterId.Length)
        {
            var capacity = Math.Max(InitialSlotCapacity, _clusterId.Length * 2);
            Array.Resize(ref _clusterId, capacity);
            Array.Resize(ref _clusterGroup, capacity);
            Array.Resize(ref _clusterPosition, capacity);
            Array.Resize(ref _memberCount, capacity);
            Array.Resize(ref _members, capacity);
            Array.Resize(ref _playSum, capacity);
            Array.Resize(ref _durationSum, capacity);
            Array.Resize(ref _completionSum, capacity);
            Array.Resize(ref _lastTs, capacity);
            Array.Resize(ref _representative, capacity);
        }
        var slot = _slotCount++;
        _members[slot] = new long[InitialMemberCapacity];
        return slot;
    }
}

using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Streaming.Core.Features.LifeCycle;

/// <summary>
/// A user's life-cycle log and its clusters (SPEC §4): the state the <see cref="LifeCycleEngine"/>
/// mutates and the re-cluster (<see cref="LifeCycleRecluster"/>) replaces. Used by one thread at a
/// time (the user's sub-stream); it carries the scratch buffers of the engine's hot path so that
/// applying an interaction allocates nothing once the state has reached its size.
/// </summary>
/// <remarks>
/// Invariants (checked by <c>AssertInvariants</c> in debug builds and by the tests):
/// every log item belongs to exactly one cluster; a cluster's members are in log order (joining
/// order is log order, splits keep relative order, a re-cluster lists members in log order), so
/// the log's oldest item is always the first member of its cluster; a cluster's centroid, sums,
/// last event time and representative are recomputed from its members whenever they change, so
/// they are a pure function of the member list and never drift.
/// </remarks>
public sealed partial class LifeCycleClusters
{
    private const int GroupCountUnset = 0;

    // Shape, fixed at the first Apply or Read: the public constructor has no options.
    private int _dim;
    private int _groupCount = GroupCountUnset;
    private CentroidBlocks[] _groups = [];

    private int _nextId;

    /// <summary>Creates an empty state (no log, no clusters, version 0, no cutoff offset).</summary>
    public LifeCycleClusters()
    {
    }

    /// <summary>Items in the log (SPEC §8 <c>lifecycle_items</c>).</summary>
    public int LogLength => _logCount;

    /// <summary>Clusters alive now.</summary>
    public int ClusterCount { get; private set; }

    /// <summary>The id the next new cluster gets; ids are never reused, also not across re-cluster versions.</summary>
    public int NextClusterId => _nextId;

    /// <summary>
    /// The re-cluster version this state descends from: 0 for a state built online only, incremented
    /// by every <see cref="LifeCycleRecluster.Run"/>.
    /// </summary>
    public long Version { get; private set; }

    /// <summary>
    /// The Kafka offset the last re-cluster's log reflected (the online step continues with the
    /// events after it), or -1 when this state was never re-clustered.
    /// </summary>
    public long CutoffOffset { get; private set; } = -1;

    internal int Dim => _dim;

    internal int GroupCount => _groupCount;

    internal CentroidBlocks Group(int group) => _groups[group];

    /// <summary>Fixes the vector dimension and number of groups on first use; a mismatch later is a bug.</summary>
    internal void EnsureShape(int dim, int groupCount)
    {
        if (_groupCount == GroupCountUnset)
        {
            InitializeShape(dim, groupCount);
        }
        else if (_dim != dim || _groupCount != groupCount)
        {
            ThrowShapeMismatch(dim, groupCount);
        }
    }

    internal void SetVersion(long version, long cutoffOffset)
    {
        Version = version;
        CutoffOffset = cutoffOffset;
    }

    internal int TakeNextId() => _nextId++;

    internal void SetNextId(int nextId) => _nextId = nextId;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void InitializeShape(int dim, int groupCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dim, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(groupCount, 1);
        _dim = dim;
        _groupCount = groupCount;
        _groups = new CentroidBlocks[groupCount];
        for (var g = 0; g < groupCount; g++)
        {
            _groups[g] = new CentroidBlocks(dim);
        }
        _sumScratch = new double[dim];
        _meanScratch = new float[dim];
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowShapeMismatch(int dim, int groupCount) => throw new InvalidOperationException(
        $"Life-cycle state has dimension {_dim} and {_groupCount} groups; the options ask for {dim} and {groupCount}.");

    [Conditional("DEBUG")]
    internal void AssertInvariants()
    {
        var seen = 0;
        for (var slot = 0; slot < _slotCount; slot++)
        {
            if (_memberCount[slot] == 0)
            {
                continue;
            }
            var members = _members[slot].AsSpan(0, _memberCount[slot]);
            for (var i = 0; i < members.Length; i++)
            {
                Debug.Assert(i == 0 || members[i - 1] < members[i], "members in log order");
                Debug.Assert(_logSlot[Position(members[i])] == slot, "log item points back to its cluster");
            }
            seen += members.Length;
        }
        Debug.Assert(seen == _logCount, "every log item is in exactly one cluster");
    }
}

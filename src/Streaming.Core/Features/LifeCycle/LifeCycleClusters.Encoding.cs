using System.Buffers;
using Streaming.Core.Encoding;

namespace Streaming.Core.Features.LifeCycle;

// Section layout in user-state encoding version 1 (StateWriter primitives only; "count" is an
// unsigned varint, "varint" a zig-zag varint, "f32" a little-endian float):
//
//   varint  version          re-cluster version, 0 for a state built online only
//   varint  cutoffOffset     Kafka offset of the last re-cluster's log, -1 for none
//   count   nextId           the id the next new cluster gets
//   count   dim              vector dimension; 0 for a state that never saw an item
//   count   clusterCount
//   clusterCount x, ascending id:
//     count   id             strictly ascending, below nextId
//     count   group          below the number of completion groups
//   count   logLength
//   logLength x, oldest first:
//     varint  itemId
//     varint  tsMs
//     varint  playTimeMs
//     varint  durationMs
//     count   cluster        index into the cluster list above (not the id)
//     dim x f32  vector
//
// Member lists are not written: members are in log order (an invariant), so each cluster's list
// is its items in log order. Centroids, sums, last event times and representatives are derived
// from the members and recomputed on read by the same code, so a decoded state re-encodes to the
// identical bytes and behaves identically. Clusters keep their written group even if the
// completion edges were reconfigured since.
public sealed partial class LifeCycleClusters
{
    /// <summary>Writes the state in the current user-state encoding (version 1); the bytes are a deterministic function of the state.</summary>
    /// <param name="writer">The writer of the user's state record.</param>
    public void Write(StateWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteVarInt64(Version);
        writer.WriteVarInt64(CutoffOffset);
        writer.WriteCount(_nextId);
        writer.WriteCount(_dim);

        // Pooled scratch: every changed user is re-encoded at each checkpoint, and a writer may
        // run on any thread, so the state keeps no encoding buffers of its own.
        var pool = ArrayPool<int>.Shared;
        var ids = pool.Rent(ClusterCount);
        var slotsById = pool.Rent(ClusterCount);
        var indexOfSlot = pool.Rent(_slotCount);
        try
        {
            var n = 0;
            for (var slot = 0; slot < _slotCount; slot++)
            {
                if (_memberCount[slot] > 0)
                {
                    ids[n] = _clusterId[slot];
                    slotsById[n++] = slot;
                }
            }
            // Ids are unique, so sorting by id alone is a total order.
            ids.AsSpan(0, n).Sort(slotsById.AsSpan(0, n));
            writer.WriteCount(n);
            for (var i = 0; i < n; i++)
            {
                indexOfSlot[slotsById[i]] = i;
                writer.WriteCount(ids[i]);
                writer.WriteCount(_clusterGroup[slotsById[i]]);
            }

            writer.WriteCount(_logCount);
            for (var seq = _firstSeq; seq < _firstSeq + _logCount; seq++)
            {
                var position = Position(seq);
                writer.WriteVarInt64(_logItem[position]);
                writer.WriteVarInt64(_logTs[position]);
                writer.WriteVarInt64(_logPlay[position]);
                writer.WriteVarInt64(_logDuration[position]);
                writer.WriteCount(indexOfSlot[_logSlot[position]]);
                writer.WriteSingles(_logVector.AsSpan(position * _dim, _dim));
            }
        }
        finally
        {
            pool.Return(ids);
            pool.Return(slotsById);
            pool.Return(indexOfSlot);
        }
    }

    /// <summary>
    /// Reads a state written by user-state encoding <paramref name="encodingVersion"/>. Malformed
    /// or inconsistent bytes throw <see cref="InvalidDataException"/>.
    /// </summary>
    /// <param name="reader">The reader, positioned at this section.</param>
    /// <param name="encodingVersion">The user-state encoding version the bytes were written with (1).</param>
    /// <param name="options">The options the state will be used with (vector dimension, groups, log cap).</param>
    /// <returns>The decoded state.</returns>
    public static LifeCycleClusters Read(ref StateReader reader, int encodingVersion, FeatureOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (encodingVersion != 1)
        {
            throw new InvalidDataException($"Life-cycle state: unknown user-state encoding version {encodingVersion}.");
        }
        var state = new LifeCycleClusters();
        var version = reader.ReadVarInt64();
        var cutoff = reader.ReadVarInt64();
        state.SetVersion(version, cutoff);
        var nextId = reader.ReadCount();
        var dim = reader.ReadCount(4096);
        var groupCount = options.LifeCycleCompletionEdges.Count + 1;

        var clusterCount = reader.ReadCount(reader.Remaining);
        if (clusterCount > 0 && nextId == 0)
        {
            Malformed("clusters with ids, but no id was handed out");
        }
        var ids = new int[clusterCount];
        var groups = new int[clusterCount];
        for (var i = 0; i < clusterCount; i++)
        {
            ids[i] = reader.ReadCount(nextId - 1);
            groups[i] = reader.ReadCount(groupCount - 1);
            if (i > 0 && ids[i] <= ids[i - 1])
            {
                Malformed("cluster ids not strictly ascending");
            }
        }
        var logLength = reader.ReadCount(reader.Remaining);
        if (logLength > 0 && clusterCount == 0)
        {
            Malformed("log items without clusters");
        }
        if (dim == 0)
        {
            if (clusterCount != 0 || logLength != 0)
            {
                Malformed("items without a vector dimension");
            }
            state._nextId = nextId;
            return state;
        }
        if (dim != options.EmbeddingDim)
        {
            Malformed($"vector dimension {dim}, but embedding.dim is {options.EmbeddingDim}");
        }
        state.EnsureShape(dim, groupCount);
        state._nextId = nextId;

        var clusterOfItem = new int[logLength];
        var sizes = new int[clusterCount];
        var vector = new float[dim];
        var capacity = Math.Max(logLength, options.LifeCycleMaxItems);
        state.ReserveLog(logLength);
        for (var i = 0; i < logLength; i++)
        {
            var item = reader.ReadVarInt64();
            var ts = reader.ReadVarInt64();
            var play = ToInt(reader.ReadVarInt64());
            var duration = ToInt(reader.ReadVarInt64());
            var cluster = reader.ReadCount(clusterCount - 1);
            reader.ReadSingles(vector);
            state.AppendLog(item, vector, play, duration, ts, capacity);
            clusterOfItem[i] = cluster;
            sizes[cluster]++;
        }

        // Members per cluster, in log order.
        var starts = new int[clusterCount + 1];
        for (var c = 0; c < clusterCount; c++)
        {
            if (sizes[c] == 0)
            {
                Malformed($"cluster {ids[c]} has no members");
            }
            starts[c + 1] = starts[c] + sizes[c];
        }
        var members = new long[logLength];
        var fill = starts.AsSpan(0, clusterCount).ToArray();
        for (var i = 0; i < logLength; i++)
        {
            members[fill[clusterOfItem[i]]++] = state._firstSeq + i;
        }
        for (var c = 0; c < clusterCount; c++)
        {
            state.CreateCluster(ids[c], groups[c], members.AsSpan(starts[c], sizes[c]));
        }
        state.AssertInvariants();
        return state;
    }

    private static int ToInt(long value)
    {
        if (value is < int.MinValue or > int.MaxValue)
        {
            Malformed($"value {value} out of the int range");
        }
        return (int)value;
    }

    private static void Malformed(string why) => throw new InvalidDataException("Life-cycle state: " + why + ".");
}

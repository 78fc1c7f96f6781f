using Streaming.Core.Features.LifeCycle;

namespace Streaming.Core.Tests.LifeCycle;

/// <summary>One cluster of an engine state, read out through the internal accessors.</summary>
internal sealed record ClusterSnapshot(
    int Id,
    int Group,
    int[] Positions,
    long[] Items,
    float[][] Vectors,
    int[] Plays,
    int[] Durations,
    long[] Times,
    float[] Centroid,
    long PlaySum,
    long DurationSum,
    double CompletionSum,
    long LastTs,
    long Representative)
{
    /// <summary>Every live cluster, ascending id; Positions are log positions (0 = oldest).</summary>
    public static List<ClusterSnapshot> Of(LifeCycleClusters state)
    {
        var result = new List<ClusterSnapshot>();
        foreach (var slot in state.LiveSlots())
        {
            var members = state.MembersOf(slot).ToArray();
            var centroid = new float[state.Dim];
            state.CentroidOf(slot, centroid);
            result.Add(new ClusterSnapshot(
                state.IdOf(slot),
                state.GroupOf(slot),
                [.. members.Select(s => (int)(s - state.FirstSeq))],
                [.. members.Select(state.ItemOf)],
                [.. members.Select(s => state.VectorOf(s).ToArray())],
                [.. members.Select(state.PlayOf)],
                [.. members.Select(state.DurationOf)],
                [.. members.Select(state.TsOf)],
                centroid,
                state.PlaySumOf(slot),
                state.DurationSumOf(slot),
                state.CompletionSumOf(slot),
                state.LastTsOf(slot),
                state.RepresentativeOf(slot)));
        }
        return [.. result.OrderBy(c => c.Id)];
    }

    /// <summary>The identity of the clustering: ids, groups and member log positions.</summary>
    public static string Shape(IEnumerable<(int Id, int Group, IEnumerable<int> Positions)> clusters) =>
        string.Join("; ", clusters.OrderBy(c => c.Id).Select(c => $"{c.Id}/g{c.Group}:[{string.Join(",", c.Positions)}]"));

    public static string Shape(LifeCycleClusters state) => Shape(Of(state).Select(c => (c.Id, c.Group, (IEnumerable<int>)c.Positions)));

    public static string Shape(ReferenceLifeCycle reference) => Shape(reference.Clusters.Select(c =>
        (c.Id, c.Group, c.Members.Select(m => reference.Log.IndexOf(m)))));
}

using Streaming.Core.Features.ModelInputs;
using Streaming.Inference.Batching;
using Streaming.Inference.Contracts;

namespace Streaming.Pipeline.Scoring;

/// <summary>The fatigue contract's input indices, resolved once: a candidate's row of a pooled request as a <see cref="FatigueModelInput"/>.</summary>
internal sealed class FatigueInputRows(StageContract contract)
{
    private readonly int _itemVector = contract.InputIndex("item_vector");
    private readonly int _recentVectors = contract.InputIndex("recent_vectors");
    private readonly int _recentMask = contract.InputIndex("recent_mask");
    private readonly int _m = contract.InputIndex("fatigue_m");
    private readonly int _mMask = contract.InputIndex("fatigue_m_mask");
    private readonly int _sim = contract.InputIndex("sim");
    private readonly int _counts = contract.InputIndex("counts");
    private readonly int _time = contract.InputIndex("time_features");
    private readonly int _timeMask = contract.InputIndex("time_mask");
    private readonly int _clusters = contract.InputIndex("cluster_summary");

    public FatigueModelInput Row(InferenceRequest request, int row) => new()
    {
        ItemVector = request.InputRow(_itemVector, row),
        RecentVectors = request.InputRow(_recentVectors, row),
        RecentMask = request.InputRow(_recentMask, row),
        FatigueM = request.InputRow(_m, row),
        FatigueMMask = request.InputRow(_mMask, row),
        Sim = request.InputRow(_sim, row),
        Counts = request.InputRow(_counts, row),
        TimeFeatures = request.InputRow(_time, row),
        TimeMask = request.InputRow(_timeMask, row),
        ClusterSummary = request.InputRow(_clusters, row),
    };
}

using Streaming.Core.Events;
using Streaming.Core.Features;
using Streaming.Core.Features.Context;
using Streaming.Core.Features.ModelInputs;
using Streaming.Inference.Batching;
using Streaming.Inference.Contracts;

namespace Streaming.Pipeline.Scoring;

/// <summary>
/// Scores requests with the ONNX model stages. <see cref="Begin"/> writes one fatigue row per
/// candidate and one uplift row per request straight into pooled inference requests and submits
/// them, so batches fill across every partition of the node while this one moves on; the pending
/// score collects the outputs in request order.
/// </summary>
public sealed class OnnxRequestScorer : IRequestScorer
{
    private readonly FeatureEngine _engine;
    private readonly ModelScoring _models;
    private readonly List<CandidateFeatures> _candidates = [];
    private Candidate[] _chunk = [];
    private readonly ContextFeatures _context;
    private readonly FatigueInputs _fatigueInputs;
    private readonly int _contextInput;
    private readonly int _contextMaskInput;
    private readonly int _requestSharesInput;

    /// <summary>Creates the scorer of one partition.</summary>
    public OnnxRequestScorer(FeatureEngine engine, ModelScoring models)
    {
        _engine = engine;
        _models = models;
        _context = engine.CreateContextFeatures();
        _fatigueInputs = new FatigueInputs(models.Fatigue.Stage.Contract);
        var uplift = models.Uplift.Stage.Contract;
        _contextInput = uplift.InputIndex("context");
        _contextMaskInput = uplift.InputIndex("context_mask");
        _requestSharesInput = uplift.InputIndex("request_shares");
    }

    /// <inheritdoc />
    public PendingScore Begin(UserState user, ScoringRequest request, int partition, long offset)
    {
        var maxRows = _models.Options.MaxBatch;
        var candidates = request.Candidates;
        var chunks = new List<InferenceRequest>((candidates.Count + maxRows - 1) / maxRows);
        for (var start = 0; start < candidates.Count; start += maxRows)
        {
            var rows = Math.Min(maxRows, candidates.Count - start);
            var chunk = _models.Fatigue.Rent(rows);
            var features = Features(rows);
            for (var row = 0; row < rows; row++)
            {
                _chunk[row] = candidates[start + row];
            }
            // Per chunk rather than per candidate: the engine scans the user's clusters once for several candidates.
            _engine.ComputeCandidates(user, request.TsMs, _chunk.AsSpan(0, rows), features[..rows]);
            for (var row = 0; row < rows; row++)
            {
                _fatigueInputs.Row(chunk, row).Write(features[row]);
            }
            chunks.Add(chunk);
        }

        _engine.ComputeContext(user, request, _context);
        var uplift = _models.Uplift.Rent(1);
        new UpliftModelInput
        {
            Context = uplift.InputRow(_contextInput, 0),
            ContextMask = uplift.InputRow(_contextMaskInput, 0),
            RequestShares = uplift.InputRow(_requestSharesInput, 0),
        }.Write(_context);

        var pending = new OnnxPendingScore(_models, request, partition, offset, chunks, uplift, _engine.Options.CdumMinUplift);
        pending.SubmitWhatFits();
        return pending;
    }

    // Reusable features objects and candidate buffer for up to `rows` candidates, grown on demand.
    private ReadOnlySpan<CandidateFeatures> Features(int rows)
    {
        while (_candidates.Count < rows)
        {
            _candidates.Add(_engine.CreateCandidateFeatures());
        }
        if (_chunk.Length < rows)
        {
            _chunk = new Candidate[rows];
        }
        return System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_candidates);
    }

    /// <summary>The fatigue contract's input indices, resolved once.</summary>
    private sealed class FatigueInputs(StageContract contract)
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
}

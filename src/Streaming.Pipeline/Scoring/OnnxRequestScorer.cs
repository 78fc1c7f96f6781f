using Streaming.Core.Events;
using Streaming.Core.Features;
using Streaming.Core.Features.Context;
using Streaming.Inference.Batching;

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
    private readonly FatigueInputRows _fatigueInputs;
    private readonly UpliftInputRows _upliftInputs;
    private readonly OnnxPendingScore.LoggedInputs _logged;

    /// <summary>Creates the scorer of one partition.</summary>
    public OnnxRequestScorer(FeatureEngine engine, ModelScoring models)
    {
        _engine = engine;
        _models = models;
        _context = engine.CreateContextFeatures();
        _fatigueInputs = new FatigueInputRows(models.Fatigue.Stage.Contract);
        _upliftInputs = new UpliftInputRows(models.Uplift.Stage.Contract);
        _logged = new OnnxPendingScore.LoggedInputs(_fatigueInputs, _upliftInputs);
    }

    /// <inheritdoc />
    public PendingScore Begin(UserState user, ScoringRequest request, int partition, long offset, bool logInputs)
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
        _upliftInputs.Row(uplift, 0).Write(_context);

        // Logged inputs are read from these very buffers once scored: what the stages received, not a recomputation.
        var pending = new OnnxPendingScore(_models, request, partition, offset, chunks, uplift, _engine.Options.CdumMinUplift, logInputs ? _logged : null);
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
}

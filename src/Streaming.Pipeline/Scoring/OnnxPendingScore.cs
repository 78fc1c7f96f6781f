using System.Globalization;
using Streaming.Core.Events;
using Streaming.Inference.Batching;
using Streaming.Pipeline.Training;

namespace Streaming.Pipeline.Scoring;

/// <summary>
/// The inference requests of one <see cref="ScoringRequest"/>: its fatigue chunks (at most one
/// batch of candidates each) and its uplift row. Whatever the batchers refused while paused is
/// submitted when the scores are awaited, so a busy model backs the partition up instead of
/// dropping work.
/// </summary>
internal sealed class OnnxPendingScore : PendingScore
{
    private static readonly TimeSpan s_resubmitDelay = TimeSpan.FromMilliseconds(1);

    private readonly ModelScoring _models;
    private readonly ScoringRequest _request;
    private readonly int _partition;
    private readonly long _offset;
    private readonly List<InferenceRequest> _fatigue;
    private readonly InferenceRequest _uplift;
    private readonly double _minUplift;
    private readonly LoggedInputs? _logged;

    // Fatigue chunks [0, _submitted) are with the batcher; the uplift row goes after the last chunk.
    private int _submitted;
    private bool _upliftSubmitted;

    public OnnxPendingScore(ModelScoring models, ScoringRequest request, int partition, long offset, List<InferenceRequest> fatigue, InferenceRequest uplift, double minUplift, LoggedInputs? logged)
    {
        _logged = logged;
        _models = models;
        _request = request;
        _partition = partition;
        _offset = offset;
        _fatigue = fatigue;
        _uplift = uplift;
        _minUplift = minUplift;
    }

    /// <summary>Submits in order until a batcher pushes back; returns whether everything is submitted.</summary>
    public bool SubmitWhatFits()
    {
        while (_submitted < _fatigue.Count)
        {
            if (!Accepted(_models.Fatigue.Submit(_fatigue[_submitted])))
            {
                return false;
            }
            _submitted++;
        }
        if (!_upliftSubmitted)
        {
            _upliftSubmitted = Accepted(_models.Uplift.Submit(_uplift));
        }
        return _upliftSubmitted;
    }

    public override async ValueTask<ScoredRequest> CompleteAsync(SampleBatch? samples, CancellationToken cancellation)
    {
        while (!SubmitWhatFits())
        {
            await Task.Delay(s_resubmitDelay, cancellation).ConfigureAwait(false);
        }

        // Every request is awaited before any is returned to its pool: a request still in a batch
        // must not be reused.
        var fatigueStatus = ScoreStatus.Scored;
        foreach (var chunk in _fatigue)
        {
            var status = await chunk.Completion.ConfigureAwait(false);
            fatigueStatus = status == ScoreStatus.Scored ? fatigueStatus : status;
        }
        var upliftStatus = await _uplift.Completion.ConfigureAwait(false);

        var scores = new CandidateScore[_request.Candidates.Count];
        var versions = new SortedSet<long>();
        var index = 0;
        try
        {
            Ensure(fatigueStatus, "fatigue");
            Ensure(upliftStatus, "uplift");
            foreach (var chunk in _fatigue)
            {
                versions.Add(chunk.Version);
                var pEngage = chunk.Output(_models.Fatigue.Stage.Contract.OutputIndex("p_engage"));
                var fatigue = chunk.Output(_models.Fatigue.Stage.Contract.OutputIndex("fatigue"));
                for (var row = 0; row < chunk.Rows; row++, index++)
                {
                    scores[index] = new CandidateScore { ItemId = _request.Candidates[index].ItemId, PEngage = pEngage[row], Fatigue = fatigue[row] };
                }
            }
            var ratio = _uplift.OutputRow(_models.Uplift.Stage.Contract.OutputIndex("long_play_ratio"), 0);
            var uplift = new float[ratio.Length];
            for (var t = 1; t < ratio.Length; t++)
            {
                uplift[t] = ratio[t] - ratio[0];
            }

            var modelVersions = versions.Select(v => "fatigue=" + v.ToString(CultureInfo.InvariantCulture)).ToList();
            modelVersions.Add("uplift=" + _uplift.Version.ToString(CultureInfo.InvariantCulture));
            var scored = new ScoredRequest
            {
                RequestId = _request.RequestId,
                UserId = _request.UserId,
                TsMs = _request.TsMs,
                Scores = scores,
                Uplift = uplift,
                ChosenTreatment = TreatmentChoice.Choose(uplift, _minUplift),
                ModelVersions = modelVersions,
                SourcePartition = _partition,
                SourceOffset = _offset,
            };
            if (_logged is not null && samples is not null)
            {
                Log(samples, scored, _logged);
            }
            return scored;
        }
        finally
        {
            foreach (var chunk in _fatigue)
            {
                chunk.Return();
            }
            _uplift.Return();
        }
    }

    // The rows the stages ran on, still in the pooled buffers (returned only after this).
    private void Log(SampleBatch samples, ScoredRequest scored, LoggedInputs logged)
    {
        var candidate = 0;
        foreach (var chunk in _fatigue)
        {
            for (var row = 0; row < chunk.Rows; row++, candidate++)
            {
                samples.Fatigue(_request, scored, candidate, logged.Fatigue.Row(chunk, row));
            }
        }
        samples.Uplift(_request, scored, logged.Uplift.Row(_uplift, 0));
    }

    private static bool Accepted(SubmitStatus status) => status switch
    {
        SubmitStatus.Queued or SubmitStatus.QueuedThenPaused => true,
        SubmitStatus.RefusedPaused => false,
        _ => throw new InvalidOperationException($"The model batcher refused a request: {status}."),
    };

    private void Ensure(ScoreStatus status, string stage)
    {
        if (status != ScoreStatus.Scored)
        {
            // A model that cannot score is not bad input: fail the stream so nothing past the last
            // durable checkpoint is committed, and a restart scores these requests again.
            throw new InvalidOperationException($"The {stage} stage could not score request {_request.RequestId} ({_request.Candidates.Count} candidates): {status}.");
        }
    }

    /// <summary>How to read a stage's rows back out of its pooled requests, for a request whose inputs are logged.</summary>
    internal sealed record LoggedInputs(FatigueInputRows Fatigue, UpliftInputRows Uplift);
}

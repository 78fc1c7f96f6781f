using Streaming.Core.Events;
using Streaming.Core.Features;
using Streaming.Core.Features.Context;
using Streaming.Core.Features.ModelInputs;
using Streaming.Pipeline.Training;

namespace Streaming.Pipeline.Scoring;

/// <summary>
/// A transparent rule-based scorer that stands in for the ONNX model stages until they exist.
/// It reads the same features the models will: engagement falls with the number of similar items
/// the user saw in the last hour and with repeats of the same item in the last day; fatigue rises
/// with them; each treatment's long-play ratio is the user's recent long-view rate in the duration
/// buckets that treatment favours. It names itself <c>baseline</c> in every output.
/// </summary>
public sealed class BaselineScorer : IRequestScorer
{
    /// <summary>The model version string written for both stages.</summary>
    public const string Version = "baseline";

    private static readonly IReadOnlyList<string> s_versions = ["fatigue=" + Version, "uplift=" + Version];

    private readonly FeatureEngine _engine;
    private readonly CandidateFeatures _candidate;
    private readonly ContextFeatures _context;

    /// <summary>Creates a scorer over <paramref name="engine"/>'s features; one per partition.</summary>
    public BaselineScorer(FeatureEngine engine)
    {
        _engine = engine;
        _candidate = engine.CreateCandidateFeatures();
        _context = engine.CreateContextFeatures();
    }

    /// <inheritdoc />
    public PendingScore Begin(UserState user, ScoringRequest request, int partition, long offset, bool logInputs)
    {
        if (!logInputs)
        {
            return PendingScore.Completed(Score(user, request, partition, offset, inputs: null));
        }
        // The features it scores on, in the models' contract encoding: what a model would have been given.
        var options = _engine.Options;
        var inputs = new float[(request.Candidates.Count * FatigueModelInput.RowSize(options)) + UpliftModelInput.RowSize(options)];
        return new LoggedScore(Score(user, request, partition, offset, inputs), request, inputs, options);
    }

    private ScoredRequest Score(UserState user, ScoringRequest request, int partition, long offset, float[]? inputs)
    {
        var options = _engine.Options;
        var fatigueRow = FatigueModelInput.RowSize(options);
        var scores = new CandidateScore[request.Candidates.Count];
        for (var i = 0; i < scores.Length; i++)
        {
            var candidate = request.Candidates[i];
            _engine.ComputeCandidate(user, request.TsMs, candidate, _candidate);
            if (inputs is not null)
            {
                FatigueModelInput.Over(inputs.AsSpan(i * fatigueRow, fatigueRow), options).Write(_candidate);
            }
            var fatigue = _candidate.Fatigue;
            // Index 0 of the count windows is the shortest (1 h), the last the longest (24 h).
            double similarLastHour = fatigue.NSimilar[0];
            double sameItemLastDay = fatigue.NSameItem[^1];
            var fatigueScore = 1.0 - Math.Exp(-0.35 * similarLastHour - 0.7 * sameItemLastDay);
            var logit = 0.4 - (0.25 * similarLastHour) - (0.8 * sameItemLastDay);
            scores[i] = new CandidateScore
            {
                ItemId = candidate.ItemId,
                PEngage = (float)(1.0 / (1.0 + Math.Exp(-logit))),
                Fatigue = (float)fatigueScore,
            };
        }
        _engine.ComputeContext(user, request, _context);
        if (inputs is not null)
        {
            UpliftModelInput.Over(inputs.AsSpan(scores.Length * fatigueRow), options).Write(_context);
        }
        var uplift = TreatmentUplift(_context, _engine.Options);
        return new ScoredRequest
        {
            RequestId = request.RequestId,
            UserId = request.UserId,
            TsMs = request.TsMs,
            Scores = scores,
            Uplift = uplift,
            ChosenTreatment = TreatmentChoice.Choose(uplift, _engine.Options.CdumMinUplift),
            ModelVersions = s_versions,
            SourcePartition = partition,
            SourceOffset = offset,
        };
    }

    /// <summary>A baseline score with the contract rows of the features it was computed from.</summary>
    private sealed class LoggedScore(ScoredRequest scored, ScoringRequest request, float[] inputs, FeatureOptions options) : PendingScore
    {
        public override ValueTask<ScoredRequest> CompleteAsync(SampleBatch? samples, CancellationToken cancellation)
        {
            if (samples is not null)
            {
                var fatigueRow = FatigueModelInput.RowSize(options);
                for (var i = 0; i < request.Candidates.Count; i++)
                {
                    samples.Fatigue(request, scored, i, FatigueModelInput.Over(inputs.AsSpan(i * fatigueRow, fatigueRow), options));
                }
                samples.Uplift(request, scored, UpliftModelInput.Over(inputs.AsSpan(request.Candidates.Count * fatigueRow), options));
            }
            return ValueTask.FromResult(scored);
        }
    }

    private static float[] TreatmentUplift(ContextFeatures context, FeatureOptions options)
    {
        var buckets = context.BucketCount;
        var control = LongViewRate(context, 0, buckets);
        var uplift = new float[options.CdumTreatments];
        if (uplift.Length > 1)
        {
            uplift[1] = (float)(LongViewRate(context, 0, Math.Min(2, buckets)) - control);
        }
        if (uplift.Length > 2)
        {
            uplift[2] = (float)(LongViewRate(context, Math.Max(0, buckets - 2), buckets) - control);
        }
        return uplift;
    }

    // The play-weighted long-view rate of buckets [from, to) in the recent-plays window; 0 without plays.
    private static double LongViewRate(ContextFeatures context, int from, int to)
    {
        double plays = 0, longViews = 0;
        for (var b = from; b < to; b++)
        {
            var stats = context.RecentPlays[b];
            if (stats.Plays > 0)
            {
                plays += stats.Plays;
                longViews += stats.LongViewRate * stats.Plays;
            }
        }
        return plays > 0 ? longViews / plays : 0;
    }
}

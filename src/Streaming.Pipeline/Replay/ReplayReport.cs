using System.Text.Json;
using System.Text.Json.Nodes;
using Streaming.Core.Evaluation;

namespace Streaming.Pipeline.Replay;

/// <summary>
/// The report of a replay (or of two model sets over one range), as JSON in two sections:
/// <c>deterministic</c> (the range, the models, the counts, the metrics and the outputs' digest:
/// byte-identical for the same range and models, whatever the namespace, machine or load) and
/// <c>run</c> (namespace, topics, wall time, throughput, lag: measurements of this run).
/// </summary>
public sealed class ReplayReport
{
    private static readonly JsonSerializerOptions s_indented = new() { WriteIndented = true };

    /// <summary>Builds the report of <paramref name="runs"/> (one per model set, same range) and their evaluations.</summary>
    public ReplayReport(IReadOnlyList<ReplayOutcome> runs, IReadOnlyList<ModelSetEvaluation> sets, long rangeInteractions, long endLag)
    {
        if (runs.Count == 0 || runs.Count != sets.Count)
        {
            throw new ArgumentException("One evaluation per run is needed.");
        }
        Runs = runs;
        Sets = sets;
        RangeInteractions = rangeInteractions;
        EndLag = endLag;
    }

    /// <summary>The replays, one per model set.</summary>
    public IReadOnlyList<ReplayOutcome> Runs { get; }

    /// <summary>Their evaluations.</summary>
    public IReadOnlyList<ModelSetEvaluation> Sets { get; }

    /// <summary>Interactions in the range.</summary>
    public long RangeInteractions { get; }

    /// <summary>Records of the input topic after the range's end when the replay finished (how far behind the live head it ends).</summary>
    public long EndLag { get; }

    /// <summary>Replayed records per second of wall time, over all model sets.</summary>
    public double EventsPerSecond => Runs.Sum(r => r.Settings.Range.Records) / Math.Max(Runs.Sum(r => r.Elapsed.TotalSeconds), 1e-9);

    /// <summary>The deterministic section.</summary>
    public JsonObject Deterministic()
    {
        var range = Runs[0].Settings.Range;
        var sets = new JsonArray();
        for (var i = 0; i < Sets.Count; i++)
        {
            var set = Sets[i];
            var run = Runs[i];
            var uplift = new JsonObject();
            foreach (var (treatment, curve) in set.Uplift)
            {
                uplift["treatment_" + treatment] = curve is null ? null : new JsonObject
                {
                    ["treated"] = curve.Treated,
                    ["control"] = curve.Control,
                    ["auuc"] = R(curve.Auuc),
                    ["qini"] = R(curve.QiniCoefficient),
                };
            }
            sets.Add(new JsonObject
            {
                ["name"] = set.Name,
                ["models"] = new JsonArray(set.ModelVersions.Select(v => (JsonNode)v).ToArray()),
                ["interactions_applied"] = run.Interactions,
                ["requests_scored"] = run.Requests,
                ["dead_lettered"] = run.DeadLettered,
                ["skipped_offsets"] = run.SkippedOffsets,
                ["scored_records"] = set.Requests,
                ["candidates"] = set.Candidates,
                ["positives"] = set.Positives,
                ["auc"] = R(set.Auc),
                ["gauc"] = R(set.Gauc),
                ["log_loss"] = R(set.LogLoss),
                ["exposed"] = set.Exposed,
                ["fatigue_calibration"] = new JsonArray(set.FatigueCalibration.Select(b => (JsonNode)new JsonObject
                {
                    ["count"] = b.Count,
                    ["mean_fatigue"] = R(b.MeanPredicted),
                    ["skip_rate"] = R(b.ObservedRate),
                }).ToArray()),
                ["uplift"] = uplift,
                ["outputs_sha256"] = set.OutputsSha256,
            });
        }
        return new JsonObject
        {
            ["topic"] = range.Topic,
            ["range"] = range.ToString(),
            ["records"] = range.Records,
            ["interactions"] = RangeInteractions,
            ["label"] = $"engaged = long_view or click of the interaction with the same request_id and item_id within {ReplayEvaluation.LabelMinutes} min, else negative",
            ["sets"] = sets,
        };
    }

    /// <summary>The run section: names and measurements of this run (not deterministic).</summary>
    public JsonObject Run() => new()
    {
        ["namespaces"] = new JsonArray(Runs.Select(r => (JsonNode)r.Settings.Namespace).ToArray()),
        ["scored_topics"] = new JsonArray(Runs.Select(r => (JsonNode)r.Settings.ScoredTopic).ToArray()),
        ["dead_letter_topics"] = new JsonArray(Runs.Select(r => (JsonNode)r.Settings.DeadLetterTopic).ToArray()),
        ["elapsed_s"] = new JsonArray(Runs.Select(r => (JsonNode)Math.Round(r.Elapsed.TotalSeconds, 3)).ToArray()),
        ["events_per_s"] = Math.Round(EventsPerSecond, 1),
        ["end_lag_records"] = EndLag,
    };

    /// <summary>The whole report, indented JSON.</summary>
    public string ToJson() => new JsonObject { ["deterministic"] = Deterministic(), ["run"] = Run() }.ToJsonString(s_indented);

    /// <summary>The deterministic section alone, indented JSON: what two replays of one range and model set agree on byte for byte.</summary>
    public string DeterministicJson() => Deterministic().ToJsonString(s_indented);

    /// <summary>The closing line's figures: the first set's headline metrics and the replay rate.</summary>
    public JsonObject Headline()
    {
        var first = Sets[0];
        var headline = new JsonObject
        {
            ["records"] = Runs[0].Settings.Range.Records,
            ["requests_scored"] = Runs[0].Requests,
            ["auc"] = R(first.Auc),
            ["gauc"] = R(first.Gauc),
            ["log_loss"] = R(first.LogLoss),
            ["auuc_t1"] = first.Uplift.TryGetValue(1, out var t1) && t1 is not null ? R(t1.Auuc) : null,
            ["qini_t1"] = t1 is not null ? R(t1.QiniCoefficient) : null,
            ["outputs_sha256"] = first.OutputsSha256,
        };
        if (Sets.Count > 1)
        {
            headline["compare_auc"] = R(Sets[1].Auc);
            headline["compare_log_loss"] = R(Sets[1].LogLoss);
        }
        headline["events_per_s"] = Math.Round(EventsPerSecond, 1);
        return headline;
    }

    // Six significant decimals: beyond them the figures are noise of float32 scores, and fixed
    // rounding keeps the text of equal values equal.
    private static JsonNode? R(double? value) => value is { } v ? JsonValue.Create(Math.Round(v, 6)) : null;

    /// <summary>Exposed for tests: the uplift curve of treatment <paramref name="treatment"/> of set <paramref name="set"/>.</summary>
    public UpliftCurve? Curve(int set, int treatment) => Sets[set].Uplift.GetValueOrDefault(treatment);
}

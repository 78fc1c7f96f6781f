using System.Buffers.Binary;
using System.Security.Cryptography;
using Confluent.Kafka;
using Streaming.Core.Evaluation;
using Streaming.Core.Events;
using Streaming.Core.Features;
using Streaming.Core.Schemas;

namespace Streaming.Pipeline.Replay;

/// <summary>
/// Joins a replay's scores with the outcomes observed in its range (docs/replay.md):
/// <list type="bullet">
/// <item>p_engage: a candidate's label is the Interaction with the same request_id and item_id
/// within <see cref="LabelMinutes"/> of the request; engaged = long_view or click; no such
/// interaction = negative (SPEC §7).</item>
/// <item>fatigue: over exposed candidates (those with that interaction), predicted fatigue
/// against skip = play time under <c>cdum.skip_ms</c>.</item>
/// <item>uplift: requests with a logged (randomised) treatment and at least one interaction
/// carrying their request_id; the outcome is the request's long-play ratio (plays with
/// play_time >= duration > 0, over its plays; SPEC §5); treatment t against control, ranked by
/// the predicted uplift of t.</item>
/// </list>
/// </summary>
public static class ReplayEvaluation
{
    /// <summary><c>training.label_minutes</c> (SPEC §7): how long after a request its outcome may come.</summary>
    public const int LabelMinutes = 30;

    /// <summary>The observed outcomes of a range: decoded once, shared by every model set evaluated on it.</summary>
    public sealed class Outcomes
    {
        internal Dictionary<(string RequestId, long ItemId), Interaction> Exposures { get; } = [];

        internal Dictionary<string, List<Interaction>> ByRequest { get; } = [];

        internal Dictionary<string, ScoringRequest> Requests { get; } = [];

        /// <summary>Interactions in the range.</summary>
        public long Interactions { get; internal set; }

        /// <summary>Records that did not decode.</summary>
        public long Undecodable { get; internal set; }
    }

    /// <summary>Evaluates every run of one range (one per model set): reads the range's outcomes once and each run's scored topic from where it started.</summary>
    public static ReplayReport Report(string bootstrap, ReplayRange range, IReadOnlyList<ReplayOutcome> runs, FeatureOptions features)
    {
        var outcomes = ReplayEvaluation.ReadOutcomes(RangeRecords.Read(bootstrap, range.Topic, range.Start, range.End));
        var sets = new List<ModelSetEvaluation>();
        for (var i = 0; i < runs.Count; i++)
        {
            var run = runs[i];
            long partitions;
            using (var resolver = new RangeResolver(bootstrap, run.Settings.ScoredTopic))
            {
                partitions = resolver.PartitionCount(bootstrap);
            }
            var start = Enumerable.Range(0, (int)partitions).ToDictionary(p => p, p => run.ScoredStart.GetValueOrDefault(p));
            var scored = RangeRecords.Read(bootstrap, run.Settings.ScoredTopic, start);
            sets.Add(ReplayEvaluation.Evaluate(runs.Count == 1 ? "a" : ((char)('a' + i)).ToString(), run.ModelVersions, scored, outcomes, features));
        }
        var endLag = 0L;
        using (var resolver = new RangeResolver(bootstrap, range.Topic))
        {
            foreach (var (partition, end) in range.End)
            {
                endLag += resolver.Watermarks(partition).High - end;
            }
        }
        return new ReplayReport(runs, sets, outcomes.Interactions, endLag);
    }

    /// <summary>Decodes the range's records into outcomes.</summary>
    public static Outcomes ReadOutcomes(IEnumerable<ConsumeResult<byte[], byte[]>> rangeRecords)
    {
        var codec = new EventCodec();
        var outcomes = new Outcomes();
        foreach (var record in rangeRecords)
        {
            var decoded = codec.Decode(record.Message.Value, record.Message.Timestamp.UnixTimestampMs);
            switch (decoded.Event)
            {
                case Interaction interaction when decoded.IsOk:
                    outcomes.Interactions++;
                    if (interaction.RequestId is { } requestId)
                    {
                        // The first exposure of an item in a request is its outcome.
                        outcomes.Exposures.TryAdd((requestId, interaction.ItemId), interaction);
                        if (!outcomes.ByRequest.TryGetValue(requestId, out var list))
                        {
                            list = [];
                            outcomes.ByRequest.Add(requestId, list);
                        }
                        list.Add(interaction);
                    }
                    break;
                case ScoringRequest request when decoded.IsOk:
                    outcomes.Requests.TryAdd(request.RequestId, request);
                    break;
                default:
                    outcomes.Undecodable++;
                    break;
            }
        }
        return outcomes;
    }

    /// <summary>Evaluates one model set's scored records (any order; duplicates by source offset are dropped).</summary>
    public static ModelSetEvaluation Evaluate(string name, IReadOnlyList<string> modelVersions, IEnumerable<ConsumeResult<byte[], byte[]>> scoredRecords, Outcomes outcomes, FeatureOptions features)
    {
        var codec = new EventCodec();
        var scored = new SortedDictionary<(int Partition, long Offset), (ScoredRequest Scored, byte[] Bytes)>();
        foreach (var record in scoredRecords)
        {
            var decoded = codec.Decode(record.Message.Value, record.Message.Timestamp.UnixTimestampMs);
            if (decoded.ScoredRequest is { } s)
            {
                scored.TryAdd((s.SourcePartition, s.SourceOffset), (s, record.Message.Value));
            }
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> length = stackalloc byte[4];
        var pEngage = new List<double>();
        var engaged = new List<bool>();
        var users = new List<long>();
        var fatigue = new List<double>();
        var skipped = new List<bool>();
        var upliftSamples = new Dictionary<int, (List<double> Score, List<bool> Treated, List<double> Outcome)>();
        var windowMs = LabelMinutes * 60_000L;
        foreach (var (s, bytes) in scored.Values)
        {
            BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
            hash.AppendData(length);
            hash.AppendData(bytes);
            foreach (var candidate in s.Scores)
            {
                var exposed = outcomes.Exposures.TryGetValue((s.RequestId, candidate.ItemId), out var interaction)
                    && interaction.TsMs >= s.TsMs && interaction.TsMs <= s.TsMs + windowMs;
                pEngage.Add(candidate.PEngage);
                engaged.Add(exposed && (interaction!.LongView || interaction.Click));
                users.Add(s.UserId);
                if (exposed)
                {
                    fatigue.Add(candidate.Fatigue);
                    skipped.Add(interaction!.PlayTimeMs < features.CdumSkipMs);
                }
            }
            if (outcomes.Requests.TryGetValue(s.RequestId, out var request) && request.Treatment is { } treatment
                && outcomes.ByRequest.TryGetValue(s.RequestId, out var plays))
            {
                var ratio = plays.Count(p => p.DurationMs > 0 && p.PlayTimeMs >= p.DurationMs) / (double)plays.Count;
                for (var t = 1; t < s.Uplift.Count; t++)
                {
                    if (treatment != 0 && treatment != t)
                    {
                        continue;
                    }
                    if (!upliftSamples.TryGetValue(t, out var samples))
                    {
                        samples = ([], [], []);
                        upliftSamples.Add(t, samples);
                    }
                    samples.Score.Add(s.Uplift[t]);
                    samples.Treated.Add(treatment == t);
                    samples.Outcome.Add(ratio);
                }
            }
        }

        var scores = pEngage.ToArray();
        var labels = engaged.ToArray();
        return new ModelSetEvaluation
        {
            Name = name,
            ModelVersions = modelVersions,
            Requests = scored.Count,
            Candidates = scores.Length,
            Positives = labels.Count(l => l),
            Auc = BinaryMetrics.Auc(scores, labels),
            Gauc = BinaryMetrics.Gauc(scores, labels, users.ToArray()),
            LogLoss = BinaryMetrics.LogLoss(scores, labels),
            Exposed = fatigue.Count,
            FatigueCalibration = Calibration.Table(fatigue.ToArray(), skipped.ToArray(), bins: 10),
            Uplift = upliftSamples.OrderBy(kv => kv.Key).ToDictionary(
                kv => kv.Key,
                kv => UpliftMetrics.Evaluate(kv.Value.Score.ToArray(), kv.Value.Treated.ToArray(), kv.Value.Outcome.ToArray())),
            OutputsSha256 = Convert.ToHexStringLower(hash.GetHashAndReset()),
            PEngage = scores,
            Engaged = labels,
        };
    }
}

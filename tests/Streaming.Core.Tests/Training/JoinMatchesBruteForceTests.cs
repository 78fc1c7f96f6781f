using CsCheck;
using Streaming.Core.Events;
using Streaming.Core.Features;
using Streaming.Core.Training;
using static Streaming.Core.Tests.Training.LogRecords;

namespace Streaming.Core.Tests.Training;

/// <summary>
/// The join against a brute-force one written here from the rules of docs/training-samples.md:
/// generated logs of a few users, requests and items with times on and around the window edges,
/// outcomes tagged, untagged and mis-tagged, and re-logged copies of records.
/// </summary>
public sealed class JoinMatchesBruteForceTests
{
    private const int Users = 3;

    private static readonly FeatureOptions s_options = FeatureOptions.Default with { TrainingLabelMinutes = 30, CdumLabelMinutes = 20, CdumLabelPlays = 3 };

    // Times are whole minutes from T0, nudged by -1, 0 or +1 ms, so window edges are hit often.
    private static readonly Gen<long> s_time = Gen.Select(Gen.Int[0, 90], Gen.Int[-1, 1], (m, d) => T0 + (m * Minute) + d);

    private static readonly Gen<(string Id, long User, long Ts, long[] Items, int? Treatment)> s_request = Gen.Select(
        Gen.Int[0, 7], Gen.Long[1, Users], s_time, Gen.Long[1, 5].Array[1, 4], Gen.Int[0, 2].Nullable(),
        (id, user, ts, items, treatment) => ($"r{id}", user, ts, items.Distinct().ToArray(), treatment));

    private static readonly Gen<Interaction> s_outcome = Gen.Select(
        Gen.Select(Gen.Int[0, 40], Gen.Long[1, Users], Gen.Long[1, 5], s_time),
        Gen.Int[-1, 7],
        Gen.Int[0, 3],
        Gen.Select(Gen.Int[0, 3], Gen.Int[0, 3]),
        (head, request, flags, play) => Outcome($"e{head.Item1}", head.Item2, head.Item3, head.Item4, request < 0 ? null : $"r{request}",
            click: (flags & 1) != 0, like: (flags & 2) != 0, durationMs: play.Item1 * 1_000, playTimeMs: play.Item2 * 1_000));

    private static readonly Gen<List<object>> s_log = Gen.Select(s_request.Array[0, 6], s_outcome.Array[0, 30], Gen.Int[0, 1_000_000], (requests, outcomes, seed) =>
    {
        var records = new List<object>();
        // One request id is logged once (the first request drawn with it), as the pipeline would.
        foreach (var request in requests.DistinctBy(r => r.Id))
        {
            foreach (var item in request.Items)
            {
                records.Add(Candidate(request.Id, request.User, request.Ts, item, item, request.Ts % 7));
            }
            records.Add(Request(request.Id, request.User, request.Ts, request.Treatment));
        }
        // Event ids are unique per event: a drawn duplicate id is the same record logged twice.
        records.AddRange(outcomes.DistinctBy(o => o.EventId));
        var random = new Random(seed);
        var copies = records.Where(_ => random.Next(4) == 0).ToList();
        var shuffled = records.Concat(copies).OrderBy(_ => random.Next()).ToList();
        return shuffled;
    });

    [Fact]
    public void Labeled_rows_equal_the_brute_force_join() =>
        s_log.Sample(log =>
        {
            var builder = new TrainingSetBuilder(s_options);
            foreach (var record in log)
            {
                _ = record is TrainingSample s ? builder.Add(s) : builder.Add((Interaction)record);
            }
            var set = builder.Build();
            var (fatigue, uplift, counts) = BruteForce(log);

            Assert.Equal(fatigue.Count, set.Fatigue.Count);
            for (var i = 0; i < fatigue.Count; i++)
            {
                var (e, a) = (fatigue[i], set.Fatigue[i]);
                Assert.Equal((e.RequestId, e.ItemId, e.UserId, e.TsMs, e.Engaged, e.Exposed, e.PlayTimeMs), (a.RequestId, a.ItemId, a.UserId, a.TsMs, a.Engaged, a.Exposed, a.PlayTimeMs));
                Assert.Equal(e.Features, a.Features);
            }
            Assert.Equal(uplift.Count, set.Uplift.Count);
            for (var i = 0; i < uplift.Count; i++)
            {
                var (e, a) = (uplift[i], set.Uplift[i]);
                Assert.Equal((e.RequestId, e.UserId, e.TsMs, e.Treatment, e.LongPlayRatio, e.Plays, e.Tagged), (a.RequestId, a.UserId, a.TsMs, a.Treatment, a.LongPlayRatio, a.Plays, a.Tagged));
            }
            Assert.Equal(counts, set.Counts);
        }, iter: 3_000);

    private static (List<LabeledFatigueRow>, List<LabeledUpliftRow>, TrainingSetCounts) BruteForce(List<object> log)
    {
        var samples = new List<TrainingSample>();
        var outcomes = new List<Interaction>();
        foreach (var record in log)
        {
            if (record is TrainingSample s && !samples.Any(x => x.RequestId == s.RequestId && x.ItemId == s.ItemId))
            {
                samples.Add(s);
            }
            else if (record is Interaction o && !outcomes.Any(x => x.EventId == o.EventId))
            {
                outcomes.Add(o);
            }
        }
        long? cutoff = outcomes.Count == 0 ? null : outcomes.Max(o => o.TsMs);
        // "Earlier" among outcomes: by time, then by place in the log.
        int Before(Interaction a, Interaction b) => a.TsMs != b.TsMs ? a.TsMs.CompareTo(b.TsMs) : outcomes.IndexOf(a).CompareTo(outcomes.IndexOf(b));
        var fatigue = new List<LabeledFatigueRow>();
        var uplift = new List<LabeledUpliftRow>();
        long fatiguePending = 0, upliftPending = 0, withoutPlays = 0;
        foreach (var s in samples)
        {
            if (s.ItemId >= 0)
            {
                var end = s.TsMs + (s_options.TrainingLabelMinutes * Minute);
                if (cutoff is null || !(end < cutoff))
                {
                    fatiguePending++;
                    continue;
                }
                var exposures = outcomes.Where(o => o.RequestId == s.RequestId && o.ItemId == s.ItemId && o.TsMs >= s.TsMs && o.TsMs <= end).ToList();
                exposures.Sort(Before);
                var first = exposures.FirstOrDefault();
                var engaged = first is not null && (first.Click || first.Like || first.Follow || first.Comment || first.Forward);
                fatigue.Add(new LabeledFatigueRow(s.UserId, s.RequestId, s.ItemId, s.TsMs, s.FeatureLayout, s.Features.ToArray(), engaged, first is not null, first?.PlayTimeMs));
            }
            else
            {
                var end = s.TsMs + (s_options.CdumLabelMinutes * Minute);
                if (cutoff is null || !(end < cutoff))
                {
                    upliftPending++;
                    continue;
                }
                var plays = outcomes.Where(o => o.RequestId == s.RequestId && o.TsMs >= s.TsMs && o.TsMs <= end).ToList();
                var tagged = plays.Count > 0;
                if (!tagged)
                {
                    plays = outcomes.Where(o => o.UserId == s.UserId && o.TsMs >= s.TsMs && o.TsMs <= end).ToList();
                    plays.Sort(Before);
                    plays = plays.Take(s_options.CdumLabelPlays).ToList();
                }
                if (plays.Count == 0)
                {
                    withoutPlays++;
                    continue;
                }
                var longPlays = plays.Count(p => p.DurationMs > 0 && p.PlayTimeMs >= p.DurationMs);
                uplift.Add(new LabeledUpliftRow(s.UserId, s.RequestId, s.TsMs, s.FeatureLayout, s.Features.ToArray(), s.Treatment, (float)((double)longPlays / plays.Count), plays.Count, tagged));
            }
        }
        var sortedFatigue = fatigue.OrderBy(r => r.TsMs).ThenBy(r => r.UserId).ThenBy(r => r.RequestId, StringComparer.Ordinal).ThenBy(r => r.ItemId).ToList();
        var sortedUplift = uplift.OrderBy(r => r.TsMs).ThenBy(r => r.UserId).ThenBy(r => r.RequestId, StringComparer.Ordinal).ToList();
        var counts = new TrainingSetCounts
        {
            SamplesRead = log.Count(r => r is TrainingSample),
            DuplicateSamples = log.Count(r => r is TrainingSample) - samples.Count,
            OutcomesRead = log.Count(r => r is Interaction),
            DuplicateOutcomes = log.Count(r => r is Interaction) - outcomes.Count,
            FatiguePending = fatiguePending,
            UpliftPending = upliftPending,
            UpliftWithoutPlays = withoutPlays,
            CutoffMs = cutoff,
        };
        return (sortedFatigue, sortedUplift, counts);
    }
}

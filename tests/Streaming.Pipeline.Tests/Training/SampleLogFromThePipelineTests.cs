using Streaming.Core.Events;
using Streaming.Core.Features.ModelInputs;
using Streaming.Core.Schemas;
using Streaming.Inference;
using Streaming.Pipeline.Scoring;
using Streaming.Pipeline.Training;
using Streaming.State;
using Xunit;

namespace Streaming.Pipeline.Tests.Training;

public sealed class SampleLogFromThePipelineTests
{
    [Fact]
    public async Task Every_candidate_scored_by_the_onnx_stages_is_logged_once_with_the_inputs_it_was_given()
    {
        await using var bed = new PipelineTestBed(partitions: 4);
        var events = PipelineTestBed.Dataset(interactions: 2_500, users: 40, seed: 11);
        var folder = bed.TempFolder("samples");
        using (var log = new FileSampleLog(folder, TrainingOptions.Default))
        {
            await using var node = bed.StartNode(models: new ModelSettings(bed.TempFolder("models"), InferenceOptions.Default), samples: log);
            await bed.Publish(events);
            await bed.WaitCaughtUp(node);
            await node.DrainAsync();
        }

        var read = SampleLogReader.ReadFolder(folder, bed.Engine.Options);
        AssertServedRowsEqualTheReference(bed, events, folder, expectedVersions: ["fatigue=1", "uplift=1"]);
        Assert.Equal(events.Count(e => e.Interaction is not null), read.Stats.Outcomes);
        Assert.Equal(0, read.Set.Counts.DuplicateSamples);
        Assert.Equal(0, read.Stats.TornBlocks);
    }

    [Fact]
    public async Task After_a_crash_and_a_restart_the_log_holds_every_candidate_and_re_logged_copies_dedupe()
    {
        await using var bed = new PipelineTestBed(partitions: 4);
        var events = PipelineTestBed.Dataset(interactions: 4_000, users: 60, seed: 3);
        var half = events.Count / 2;
        var folder = bed.TempFolder("samples");

        // Node 1 logs and checkpoints the first half, then its store fails: the next checkpoints
        // log their samples, cannot commit, and the node dies with them uncommitted.
        var failing = new FaultInjectingStateStore(bed.Store);
        using (var log = new FileSampleLog(folder, TrainingOptions.Default))
        {
            await using var node = bed.StartNode(failing, samples: log);
            await bed.Publish(events.Take(half));
            await bed.WaitCaughtUp(node);
            failing.FailCommits();
            await bed.Publish(events.Skip(half));
            await PipelineTestBed.WaitUntil(() => node.Pipeline.Metrics.StoreFailures > 0, TimeSpan.FromSeconds(30), "a checkpoint fails");
            await node.AbortAsync();
        }
        failing.ClearFaults();
        Assert.True(bed.Remaining() > 0, "the crash must leave records that are not durable yet");

        // Node 2 resumes at the durable offsets, in a new segment of each partition.
        using (var log = new FileSampleLog(folder, TrainingOptions.Default))
        {
            await using var node = bed.StartNode(samples: log);
            await bed.WaitCaughtUp(node);
            await node.DrainAsync();
        }

        var read = SampleLogReader.ReadFolder(folder, bed.Engine.Options);
        Assert.True(read.Set.Counts.DuplicateSamples > 0, "the uncommitted checkpoints' rows are logged again after the restart");
        Assert.True(read.Set.Counts.DuplicateOutcomes > 0, "and so are their outcomes");
        AssertServedRowsEqualTheReference(bed, events, folder, expectedVersions: [$"fatigue={BaselineScorer.Version}", $"uplift={BaselineScorer.Version}"]);
        Assert.Equal(events.Count(e => e.Interaction is not null), read.Stats.Outcomes - read.Set.Counts.DuplicateOutcomes);
    }

    [Fact]
    public async Task A_sample_rate_keeps_whole_requests_chosen_by_request_id_and_every_outcome()
    {
        await using var bed = new PipelineTestBed(partitions: 2);
        var events = PipelineTestBed.Dataset(interactions: 1_500, users: 30, seed: 8);
        var folder = bed.TempFolder("samples");
        var options = TrainingOptions.Default with { SampleRate = 0.25 };
        using (var log = new FileSampleLog(folder, options))
        {
            await using var node = bed.StartNode(samples: log);
            await bed.Publish(events);
            await bed.WaitCaughtUp(node);
            await node.DrainAsync();
            Assert.Equal(events.Count(e => e.Interaction is not null), log.Counters.Outcomes);
        }

        var requests = events.Where(e => e.Request is not null).Select(e => e.Request!).ToList();
        var kept = requests.Where(r => Core.Training.SampleSelection.Includes(r.RequestId, 0.25)).ToList();
        Assert.InRange(kept.Count, 1, requests.Count - 1);
        var logged = Payloads(folder).Select(p => new EventCodec().Decode(p, -1).TrainingSample).OfType<TrainingSample>().ToList();
        Assert.Equal(kept.Sum(r => r.Candidates.Count + 1), logged.Count);
        Assert.Equal(kept.Select(r => r.RequestId).Order(StringComparer.Ordinal), logged.Select(s => s.RequestId).Distinct().Order(StringComparer.Ordinal));
    }

    /// <summary>Every (request, candidate) and (request, uplift) row once after de-duplication, its features bit-equal to the reference's.</summary>
    private static void AssertServedRowsEqualTheReference(PipelineTestBed bed, List<Core.Datasets.DatasetEvent> events, string folder, string[] expectedVersions)
    {
        var expected = ServedRows.Expected(bed.Engine, events);
        var codec = new EventCodec();
        var logged = new Dictionary<(string, long), TrainingSample>();
        foreach (var payload in Payloads(folder))
        {
            var decoded = codec.Decode(payload, referenceTimeMs: -1);
            Assert.True(decoded.IsOk, decoded.ToString());
            if (decoded.TrainingSample is { } sample)
            {
                if (logged.TryGetValue((sample.RequestId, sample.ItemId), out var first))
                {
                    // A re-logged copy is the same row: the state it was computed from is the same.
                    Assert.True(first.Features.Span.SequenceEqual(sample.Features.Span), $"re-logged copy of {sample.RequestId}/{sample.ItemId} differs");
                    continue;
                }
                logged.Add((sample.RequestId, sample.ItemId), sample);
            }
        }
        Assert.Equal(expected.Keys.Order(), logged.Keys.Order());
        var requests = events.Where(e => e.Request is not null).ToDictionary(e => e.Request!.RequestId, e => e.Request!);
        foreach (var (key, sample) in logged)
        {
            Assert.True(expected[key].AsSpan().SequenceEqual(sample.Features.Span), $"logged features of {key} differ from the recomputed ones");
            Assert.Equal(key.Item2 == TrainingSample.RequestRow ? UpliftModelInput.Layout : FatigueModelInput.Layout, sample.FeatureLayout);
            var request = requests[sample.RequestId];
            Assert.Equal((request.UserId, request.TsMs, request.Treatment), (sample.UserId, sample.TsMs, sample.Treatment));
            Assert.Equal(expectedVersions, sample.ModelVersions);
        }
    }

    private static IEnumerable<byte[]> Payloads(string folder) =>
        Directory.EnumerateFiles(folder, "*" + SampleSegment.Extension, SearchOption.AllDirectories)
            .SelectMany(f =>
            {
                using var stream = File.OpenRead(f);
                return SampleSegment.ReadPayloads(stream, f).ToList();
            });
}

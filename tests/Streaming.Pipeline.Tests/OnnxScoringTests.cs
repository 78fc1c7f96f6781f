using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Streaming.Core.Events;
using Streaming.Core.Features;
using Streaming.Core.Features.ModelInputs;
using Streaming.Core.Schemas;
using Streaming.Inference;
using Streaming.Inference.Contracts;
using Streaming.Inference.Models;
using Streaming.Inference.Registry;
using Streaming.Pipeline.Scoring;
using Xunit;

namespace Streaming.Pipeline.Tests;

public sealed class OnnxScoringTests
{
    [Fact]
    public async Task Every_output_equals_its_tagged_model_version_run_offline_and_versions_never_go_back_after_a_hot_swap()
    {
        await using var bed = new PipelineTestBed(partitions: 4);
        var events = PipelineTestBed.Dataset(interactions: 4_000, users: 60, seed: 5);
        var half = events.Count / 2;
        var models = new ModelSettings(bed.TempFolder("models"), InferenceOptions.Default with { ModelPollIntervalMs = 100 });

        await using (var node = bed.StartNode(models: models))
        {
            var scoring = node.Models!;
            await bed.Publish(events.Take(half));
            await bed.WaitCaughtUp(node);

            // A new fatigue model is published while the node runs; it swaps without stopping.
            var contract = StageContracts.Fatigue;
            var published = scoring.Registry.Publish(contract.Stage, 2,
                StageModelBuilder.Build(contract, StageWeights.Initialize(contract, seed: 99)), new ModelProvenance(DateTimeOffset.UtcNow));
            Assert.Equal(PublishStatus.Published, published.Status);
            await PipelineTestBed.WaitUntil(() => scoring.Fatigue.Stage.ServingVersion == 2, TimeSpan.FromSeconds(20), "the node serves fatigue v2");

            await bed.Publish(events.Skip(half));
            await bed.WaitCaughtUp(node);
            await node.DrainAsync();
        }

        var codec = new EventCodec();
        var scored = TopicReader.ReadAll(bed.Broker.BootstrapServers, bed.Options.ScoredTopic, bed.Options.Partitions)
            .Select(r => codec.Decode(r.Message.Value, r.Message.Timestamp.UnixTimestampMs).ScoredRequest!)
            .ToList();
        var requests = events.Where(e => e.IsRequest).Select(e => e.Request!).ToList();
        Assert.Equal(requests.Count, scored.Count);
        Assert.Equal(requests.Select(r => r.RequestId).Order(), scored.Select(s => s.RequestId).Order());

        // Within a partition, in source order, the fatigue version never goes back; the first half
        // was scored by v1, the second by v2.
        var firstHalf = events.Take(half).Where(e => e.IsRequest).Select(e => e.Request!.RequestId).ToHashSet();
        foreach (var partition in scored.GroupBy(s => s.SourcePartition))
        {
            var versions = partition.OrderBy(s => s.SourceOffset).Select(FatigueVersion).ToList();
            Assert.Equal(versions.Order(), versions);
        }
        Assert.All(scored, s => Assert.Equal(firstHalf.Contains(s.RequestId) ? 1 : 2, FatigueVersion(s)));

        // Offline: replay the events in order with the feature engine and run each request's
        // candidates through the tagged version's ONNX file directly.
        using var v1 = new InferenceSession(Path.Combine(models.RegistryRoot, "fatigue", "1", ModelRegistry.ModelFileName));
        using var v2 = new InferenceSession(Path.Combine(models.RegistryRoot, "fatigue", "2", ModelRegistry.ModelFileName));
        var byId = scored.ToDictionary(s => s.RequestId);
        var states = new Dictionary<long, UserState>();
        var features = bed.Engine.CreateCandidateFeatures();
        var checkedCandidates = 0;
        foreach (var e in events)
        {
            var state = states.TryGetValue(e.UserId, out var existing) ? existing : states[e.UserId] = bed.Engine.CreateState(e.UserId);
            if (e.Interaction is { } interaction)
            {
                bed.Engine.Apply(state, interaction);
                continue;
            }
            var request = e.Request!;
            var output = byId[request.RequestId];
            var session = FatigueVersion(output) == 1 ? v1 : v2;
            for (var i = 0; i < request.Candidates.Count; i++)
            {
                bed.Engine.ComputeCandidate(state, request.TsMs, request.Candidates[i], features);
                var (pEngage, fatigue) = RunOffline(session, features);
                Assert.Equal(request.Candidates[i].ItemId, output.Scores[i].ItemId);
                Assert.Equal(pEngage, output.Scores[i].PEngage, 1e-5f);
                Assert.Equal(fatigue, output.Scores[i].Fatigue, 1e-5f);
                checkedCandidates++;
            }
        }
        Assert.True(checkedCandidates > 1_000, $"only {checkedCandidates} candidates were checked");
    }

    private static int FatigueVersion(ScoredRequest scored) =>
        int.Parse(scored.ModelVersions.Single(v => v.StartsWith("fatigue=", StringComparison.Ordinal))["fatigue=".Length..], System.Globalization.CultureInfo.InvariantCulture);

    private static (float PEngage, float Fatigue) RunOffline(InferenceSession session, CandidateFeatures features)
    {
        var contract = StageContracts.Fatigue;
        var rows = contract.Inputs.ToDictionary(i => i.Name, i => new float[i.RowSize]);
        new FatigueModelInput
        {
            ItemVector = rows["item_vector"],
            RecentVectors = rows["recent_vectors"],
            RecentMask = rows["recent_mask"],
            FatigueM = rows["fatigue_m"],
            FatigueMMask = rows["fatigue_m_mask"],
            Sim = rows["sim"],
            Counts = rows["counts"],
            TimeFeatures = rows["time_features"],
            TimeMask = rows["time_mask"],
            ClusterSummary = rows["cluster_summary"],
        }.Write(features);
        var inputs = contract.Inputs
            .Select(i => NamedOnnxValue.CreateFromTensor(i.Name, new DenseTensor<float>(rows[i.Name], i.ShapeFor(1).Select(d => (int)d).ToArray())))
            .ToList();
        using var results = session.Run(inputs);
        var pEngage = results.Single(r => r.Name == "p_engage").AsEnumerable<float>().Single();
        var fatigue = results.Single(r => r.Name == "fatigue").AsEnumerable<float>().Single();
        return (pEngage, fatigue);
    }
}

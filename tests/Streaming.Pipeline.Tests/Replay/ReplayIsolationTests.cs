using Confluent.Kafka;
using Streaming.Core.Schemas;
using Streaming.Inference.Contracts;
using Streaming.Inference.Models;
using Streaming.Inference.Registry;
using Xunit;

namespace Streaming.Pipeline.Tests.Replay;

public sealed class ReplayIsolationTests
{
    [Fact]
    public async Task A_replay_leaves_production_state_offsets_and_topics_untouched_and_rebuilds_the_same_state_in_its_namespace()
    {
        await using var bed = new PipelineTestBed(partitions: 4);
        var events = PipelineTestBed.Dataset(interactions: 3_000, users: 50, seed: 21);
        await bed.Publish(events);
        await using (var node = bed.StartNode())
        {
            await bed.WaitCaughtUp(node);
            await node.DrainAsync();
        }
        var before = Snapshot(bed);

        // A newer fatigue model is published before the replay: pinned to v1, the replay must not use it.
        var registry = bed.TempFolder("models");
        using (var scoring = Scoring.ModelScoring.Start(registry, Inference.InferenceOptions.Default, bed.Loggers))
        {
            var contract = StageContracts.Fatigue;
            Assert.Equal(PublishStatus.Published, scoring.Registry.Publish(contract.Stage, 2,
                StageModelBuilder.Build(contract, StageWeights.Initialize(contract, seed: 3)), new ModelProvenance(DateTimeOffset.UtcNow)).Status);
        }
        var settings = ReplayBed.Settings(bed, "bt", ReplayBed.WholeTopic(bed), registry, new Dictionary<string, long> { ["fatigue"] = 1, ["uplift"] = 1 });
        var outcome = await ReplayBed.Run(bed, settings);

        var after = Snapshot(bed);
        Assert.Equal(before.Offsets, after.Offsets);
        Assert.Equal(before.Users.Keys, after.Users.Keys);
        Assert.All(before.Users, u => Assert.Equal(u.Value, after.Users[u.Key]));
        Assert.Equal(before.Committed, after.Committed);
        Assert.Equal(before.Scored, after.Scored);
        Assert.Equal(before.DeadLetters, after.DeadLetters);

        // State rebuilt from empty over the same records equals production's, user for user.
        using (var replayStore = bed.Store.WithNamespace("bt"))
        {
            Assert.Equal(before.Users.Keys, replayStore.UserIds().ToList());
            Assert.All(before.Users, u => Assert.Equal(u.Value, replayStore.ReadUser(u.Key)!.Value.State.ToArray()));
            Assert.All(Enumerable.Range(0, 4), p => Assert.Equal(settings.Range.End[p], replayStore.ReadOffset(bed.Options.EventsTopic, p)));
        }

        // Every request was scored into scored.bt, by the pinned versions only.
        var codec = new EventCodec();
        var scored = TopicReader.ReadAll(bed.Broker.BootstrapServers, settings.ScoredTopic, 4)
            .Select(r => codec.Decode(r.Message.Value, r.Message.Timestamp.UnixTimestampMs).ScoredRequest!).ToList();
        Assert.Equal(events.Count(e => e.IsRequest), scored.Count);
        Assert.All(scored, s => Assert.Equal(["fatigue=1", "uplift=1"], s.ModelVersions));
        Assert.Equal(["fatigue=1", "uplift=1"], outcome.ModelVersions);
        Assert.Equal(events.Count(e => e.IsInteraction), outcome.Interactions);

        // The namespace now holds state: a second replay into it is refused, not mixed in.
        await Assert.ThrowsAsync<InvalidOperationException>(() => ReplayBed.Run(bed, settings));
    }

    private static ProductionSnapshot Snapshot(PipelineTestBed bed)
    {
        var offsets = Enumerable.Range(0, bed.Options.Partitions).Select(p => bed.Store.ReadOffset(bed.Options.EventsTopic, p)).ToList();
        var users = bed.Store.UserIds().ToDictionary(u => u, u => bed.Store.ReadUser(u)!.Value.State.ToArray());
        using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig { BootstrapServers = bed.Broker.BootstrapServers, GroupId = bed.Options.GroupId, EnableAutoCommit = false }).Build();
        var committed = consumer.Committed(Enumerable.Range(0, bed.Options.Partitions).Select(p => new TopicPartition(bed.Options.EventsTopic, p)), TimeSpan.FromSeconds(10))
            .Select(c => c.Offset.Value).ToList();
        var scored = TopicReader.ReadAll(bed.Broker.BootstrapServers, bed.Options.ScoredTopic, bed.Options.Partitions)
            .Select(r => Convert.ToHexString(r.Message.Value)).ToList();
        var dead = TopicReader.ReadAll(bed.Broker.BootstrapServers, bed.Options.DeadLetterTopic, bed.Options.Partitions).Count;
        Assert.NotEmpty(users);
        Assert.NotEmpty(scored);
        Assert.All(committed, c => Assert.True(c > 0, "production committed its offsets"));
        return new ProductionSnapshot(offsets, users, committed, scored, dead);
    }

    private sealed record ProductionSnapshot(List<long?> Offsets, Dictionary<long, byte[]> Users, List<long> Committed, List<string> Scored, int DeadLetters);
}

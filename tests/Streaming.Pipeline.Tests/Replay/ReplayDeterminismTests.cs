using Streaming.Core.Features;
using Streaming.Core.Schemas;
using Streaming.Pipeline.Replay;
using Xunit;

namespace Streaming.Pipeline.Tests.Replay;

public sealed class ReplayDeterminismTests
{
    [Fact]
    public async Task Two_replays_of_one_range_with_the_same_models_give_byte_identical_outputs_and_reports()
    {
        await using var bed = new PipelineTestBed(partitions: 4);
        var events = PipelineTestBed.Dataset(interactions: 3_000, users: 50, seed: 33);
        await bed.Publish(events);
        var registry = bed.TempFolder("models");
        var pinned = new Dictionary<string, long> { ["fatigue"] = 1, ["uplift"] = 1 };
        ReplayRange range;
        using (var resolver = new RangeResolver(bed.Broker.BootstrapServers, bed.Options.EventsTopic))
        {
            // A range inside the topic: from offset 40 of every partition to 40 before its end.
            var ends = bed.EndOffsets();
            range = resolver.Resolve(
                new RangeBound.Offsets(ends.ToDictionary(kv => kv.Key, _ => 40L)),
                new RangeBound.Offsets(ends.ToDictionary(kv => kv.Key, kv => kv.Value - 40)),
                bed.Options.Partitions);
        }

        var first = await ReplayBed.Run(bed, ReplayBed.Settings(bed, "d1", range, registry, pinned));
        var second = await ReplayBed.Run(bed, ReplayBed.Settings(bed, "d2", range, registry, pinned));

        var codec = new EventCodec();
        List<byte[]> Outputs(string topic) => TopicReader.ReadAll(bed.Broker.BootstrapServers, topic, bed.Options.Partitions)
            .Select(r => (Scored: codec.Decode(r.Message.Value, r.Message.Timestamp.UnixTimestampMs).ScoredRequest!, r.Message.Value))
            .OrderBy(x => x.Scored.SourcePartition).ThenBy(x => x.Scored.SourceOffset)
            .Select(x => x.Value).ToList();
        var a = Outputs(first.Settings.ScoredTopic);
        var b = Outputs(second.Settings.ScoredTopic);
        Assert.True(a.Count > 100, $"only {a.Count} outputs");
        Assert.Equal(a.Count, b.Count);
        Assert.All(a.Zip(b), pair => Assert.True(pair.First.AsSpan().SequenceEqual(pair.Second), "an output differs between the replays"));

        var reportA = ReplayEvaluation.Report(bed.Broker.BootstrapServers, range, [first], FeatureOptions.Default);
        var reportB = ReplayEvaluation.Report(bed.Broker.BootstrapServers, range, [second], FeatureOptions.Default);
        Assert.Equal(reportA.DeterministicJson(), reportB.DeterministicJson());
        Assert.NotNull(reportA.Sets[0].Auc);
        Assert.Equal(a.Count, reportA.Sets[0].Requests);
        // The run sections name their namespaces: they are what differs.
        Assert.NotEqual(reportA.Run().ToJsonString(), reportB.Run().ToJsonString());
    }

    [Fact]
    public async Task A_time_bound_resolves_to_the_first_offset_at_or_after_it_in_every_partition_on_the_embedded_broker()
    {
        await using var bed = new PipelineTestBed(partitions: 4);
        var events = PipelineTestBed.Dataset(interactions: 2_000, users: 40, seed: 8);
        await bed.Publish(events);
        var records = TopicReader.ReadAll(bed.Broker.BootstrapServers, bed.Options.EventsTopic, bed.Options.Partitions);
        var codec = new EventCodec();
        long EventTs(Confluent.Kafka.ConsumeResult<byte[], byte[]> r)
        {
            var decoded = codec.Decode(r.Message.Value, r.Message.Timestamp.UnixTimestampMs);
            return decoded.Interaction?.TsMs ?? decoded.ScoringRequest!.TsMs;
        }
        var times = events.Select(e => e.TsMs).Order().ToList();
        var target = DateTimeOffset.FromUnixTimeMilliseconds(times[times.Count / 3]);

        using var resolver = new RangeResolver(bed.Broker.BootstrapServers, bed.Options.EventsTopic);
        var range = resolver.Resolve(new RangeBound.Time(target), new RangeBound.End(), bed.Options.Partitions, TimeBasis.Event);

        Assert.Equal("binary_search", resolver.TimeMethod);
        foreach (var partition in Enumerable.Range(0, bed.Options.Partitions))
        {
            var ofPartition = records.Where(r => r.Partition.Value == partition).ToList();
            var expected = ofPartition.FirstOrDefault(r => EventTs(r) >= target.ToUnixTimeMilliseconds())?.Offset.Value ?? ofPartition.Count;
            Assert.Equal(expected, range.Start[partition]);
        }
        Assert.InRange(resolver.Probes, 4, 4 * 16);
    }
}

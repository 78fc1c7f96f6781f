using Streaming.Pipeline.Training;
using Xunit;

namespace Streaming.Pipeline.Tests.Training;

public sealed class KafkaSampleLogTests
{
    [Fact]
    public async Task The_kafka_log_holds_the_same_training_set_as_the_file_log()
    {
        // Small: the embedded broker keeps about 5 MiB per partition.
        await using var bed = new PipelineTestBed(partitions: 2);
        var events = PipelineTestBed.Dataset(interactions: 400, users: 10, seed: 4);
        var options = TrainingOptions.Default with { SampleLog = SampleLogMode.Kafka, SamplesTopic = "samples" };
        bed.Broker.CreateTopic(options.SamplesTopic, 2);
        var folder = bed.TempFolder("samples");
        using (var kafka = new KafkaSampleLog(bed.Broker.BootstrapServers, options))
        {
            await using var node = bed.StartNode(samples: kafka);
            await bed.Publish(events);
            await bed.WaitCaughtUp(node);
            await node.DrainAsync();
        }

        var fromKafka = SampleLogReader.ReadTopic(bed.Broker.BootstrapServers, options.SamplesTopic, bed.Engine.Options);
        var candidates = events.Where(e => e.Request is not null).Sum(e => e.Request!.Candidates.Count);
        Assert.Equal(candidates, fromKafka.Stats.FatigueSamples - fromKafka.Set.Counts.DuplicateSamples);
        Assert.Equal(events.Count(e => e.Interaction is not null), fromKafka.Stats.Outcomes);

        // The same events through a file log give the same labeled rows.
        await using var fileBed = new PipelineTestBed(partitions: 2);
        using (var file = new FileSampleLog(folder, TrainingOptions.Default))
        {
            await using var node = fileBed.StartNode(samples: file);
            await fileBed.Publish(events);
            await fileBed.WaitCaughtUp(node);
            await node.DrainAsync();
        }
        var fromFile = SampleLogReader.ReadFolder(folder, bed.Engine.Options, cutoffMs: fromKafka.Set.Counts.CutoffMs);
        Assert.NotEmpty(fromKafka.Set.Fatigue);
        Assert.Equal(Summary(fromFile.Set), Summary(fromKafka.Set));
    }

    private static List<string> Summary(Core.Training.TrainingSet set) =>
        [.. set.Fatigue.Select(r => $"{r.RequestId}/{r.ItemId}:{r.Engaged}:{string.Join(',', r.Features)}"),
         .. set.Uplift.Select(r => $"{r.RequestId}:{r.LongPlayRatio}:{r.Plays}:{string.Join(',', r.Features)}")];
}

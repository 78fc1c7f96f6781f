using Microsoft.Extensions.Logging.Abstractions;
using Streaming.Core.Datasets;
using Streaming.Core.Features;
using Streaming.Core.Features.Vectors;
using Streaming.Host.Training;
using Streaming.Inference;
using Streaming.Kafka.Embedded;
using Streaming.Kafka.Producer;
using Streaming.Pipeline;
using Streaming.Pipeline.Datasets;
using Streaming.Pipeline.Scoring;
using Streaming.Pipeline.Training;
using Streaming.State;
using Streaming.Training.Job;
using Xunit;

namespace Streaming.Host.Tests;

/// <summary>
/// SPEC §7 end to end on one node: the running pipeline logs its samples, a training round on
/// that log publishes new versions, and the same running pipeline swaps to them without stopping.
/// </summary>
public sealed class Retraining_swaps_a_running_pipeline : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"retraining-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task A_round_on_the_nodes_own_sample_log_publishes_and_the_node_serves_it()
    {
        var options = new PipelineOptions { Partitions = 4 };
        var features = FeatureOptions.Default;
        // 60 users over 15,000 interactions span about five days: the round has a newest day to hold out.
        var dataset = new SyntheticDataset(SyntheticOptions.Default with { Users = 60, Interactions = 15_000, Seed = 5 });
        using var broker = EmbeddedKafkaBroker.Start();
        EmbeddedTopics.Create(broker, options);
        PublishedCounts counts;
        await using (var loader = new StreamRuntime("produce"))
        {
            counts = await DatasetPublisher.PublishAsync(dataset.Events(), options.EventsTopic,
                new KafkaProducerSettings { BootstrapServers = broker.BootstrapServers, ClientId = "test-produce" }, loader.Materializer);
        }

        var ends = CatchUp.EndOffsets(broker.BootstrapServers, options.EventsTopic, options.Partitions);
        var registry = Path.Combine(_root, "models");
        var models = new ModelSettings(registry, InferenceOptions.Default with { ModelPollIntervalMs = 200 });
        var training = TrainingOptions.Default with { Epochs = 1, Threads = 1 };
        using var store = new RocksDbStateStore(new RocksDbStoreOptions { Path = Path.Combine(_root, "store") });
        var engine = new FeatureEngine(features, new HashItemVectors(features.EmbeddingDim));
        using var samples = SampleLogs.Create(training, _root, broker.BootstrapServers);
        await using var node = PipelineNode.Start(broker.BootstrapServers, options, store, engine, NullLoggerFactory.Instance, models: models, samples: samples);
        Assert.True(await CatchUp.WaitAsync(store, options.EventsTopic, ends, node.Pipeline.Completion, TimeSpan.FromMinutes(3)));
        var scoring = node.Models!;
        Assert.Equal((1L, 1L), (scoring.Fatigue.Stage.ServingVersion!.Value, scoring.Uplift.Stage.ServingVersion!.Value));

        // The log of a node that keeps running: read it while the node holds its files open.
        var set = SampleLogReader.ReadFolder(SampleLogs.Folder(_root), features).Set;
        // The gate is tested on its own (Training_gate, Training_round); here any candidate passes it.
        var reports = new TrainingJob(training with { Gate = new TrainingGateOptions { MaxRegression = 1 } }, features, new HashItemVectors(features.EmbeddingDim))
            .Run(set, scoring.Registry, StageModels.Stages);

        Assert.All(reports, r => Assert.Equal(RoundOutcome.Published, r.Outcome));
        Assert.All(reports, r => Assert.Equal(2, r.PublishedVersion));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while ((scoring.Fatigue.Stage.ServingVersion, scoring.Uplift.Stage.ServingVersion) != (2, 2) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.Equal((2L, 2L), (scoring.Fatigue.Stage.ServingVersion!.Value, scoring.Uplift.Stage.ServingVersion!.Value));
        Assert.False(node.Pipeline.Completion.IsCompleted);
        Assert.True(counts.Requests > 0);
        await node.DrainAsync();
    }
}

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Streaming.Core.Datasets;
using Streaming.Core.Features;
using Streaming.Core.Features.Vectors;
using Streaming.Kafka.Embedded;
using Streaming.Kafka.Producer;
using Streaming.Pipeline.Datasets;
using Streaming.Pipeline.Scoring;
using Streaming.Pipeline.Training;
using Streaming.State;
using Xunit;

namespace Streaming.Pipeline.Tests;

/// <summary>
/// An embedded broker with the pipeline's topics, a RocksDB store in a temporary folder, and a
/// small synthetic dataset; what every integration test of the pipeline starts from.
/// </summary>
internal sealed class PipelineTestBed : IAsyncDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "streaming-pipeline-test-" + Guid.NewGuid().ToString("N"));

    public PipelineTestBed(int partitions = 4, string group = "test")
    {
        Options = new PipelineOptions { Partitions = partitions, GroupId = group, MaxCheckpointRecords = 256 };
        Broker = EmbeddedKafkaBroker.Start();
        EmbeddedTopics.Create(Broker, Options);
        Store = new RocksDbStateStore(new RocksDbStoreOptions { Path = Path.Combine(_folder, "store"), SyncWrites = false });
        Engine = new FeatureEngine(FeatureOptions.Default, new HashItemVectors(FeatureOptions.Default.EmbeddingDim));
        Runtime = new StreamRuntime("test-producer");
    }

    public PipelineOptions Options { get; }

    public EmbeddedKafkaBroker Broker { get; }

    public RocksDbStateStore Store { get; }

    public FeatureEngine Engine { get; }

    public StreamRuntime Runtime { get; }

    public ILoggerFactory Loggers { get; } = NullLoggerFactory.Instance;

    public static List<DatasetEvent> Dataset(long interactions, int users, long seed = 7) =>
        new SyntheticDataset(SyntheticOptions.Default with { Interactions = interactions, Users = users, Items = 2_000, Seed = seed }).Events().ToList();

    public Task<PublishedCounts> Publish(IEnumerable<DatasetEvent> events) =>
        DatasetPublisher.PublishAsync(events, Options.EventsTopic, ProducerSettings, Runtime.Materializer);

    public KafkaProducerSettings ProducerSettings => new() { BootstrapServers = Broker.BootstrapServers, ClientId = "test-producer" };

    public PipelineNode StartNode(IStateStore? store = null, ModelSettings? models = null, ISampleLog? samples = null) =>
        PipelineNode.Start(Broker.BootstrapServers, Options, store ?? Store, Engine, Loggers,
            source => source with { SessionTimeout = TimeSpan.FromSeconds(6) }, models, samples);

    public string TempFolder(string name) => Path.Combine(_folder, name);

    public IReadOnlyDictionary<int, long> EndOffsets() => CatchUp.EndOffsets(Broker.BootstrapServers, Options.EventsTopic, Options.Partitions);

    public long Remaining() => CatchUp.Remaining(Store, Options.EventsTopic, EndOffsets());

    public async Task WaitCaughtUp(PipelineNode node, TimeSpan? timeout = null)
    {
        var caughtUp = await CatchUp.WaitAsync(Store, Options.EventsTopic, EndOffsets(), node.Pipeline.Completion, timeout ?? TimeSpan.FromSeconds(60));
        Assert.True(caughtUp, $"the pipeline did not catch up: {Remaining()} records remain");
    }

    public static async Task WaitUntil(Func<bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting until " + what);
            await Task.Delay(20);
        }
    }

    /// <summary>
    /// The independent reference: every user's state after applying their interactions in
    /// dataset order with the feature engine directly (no Kafka, no store, no pipeline), encoded.
    /// </summary>
    public Dictionary<long, byte[]> ReferenceStates(IEnumerable<DatasetEvent> events)
    {
        var states = new Dictionary<long, UserState>();
        foreach (var e in events)
        {
            if (e.Interaction is not { } interaction)
            {
                continue;
            }
            if (!states.TryGetValue(interaction.UserId, out var state))
            {
                state = Engine.CreateState(interaction.UserId);
                states.Add(interaction.UserId, state);
            }
            Engine.Apply(state, interaction);
        }
        return states.ToDictionary(kv => kv.Key, kv => UserStateCodec.Encode(kv.Value));
    }

    public void AssertStoreEquals(Dictionary<long, byte[]> reference)
    {
        var stored = Store.UserIds().ToHashSet();
        Assert.Equal(reference.Keys.Order(), stored.Order());
        foreach (var (user, expected) in reference)
        {
            var record = Store.ReadUser(user);
            Assert.True(record is not null, $"user {user} is missing from the store");
            Assert.True(expected.AsSpan().SequenceEqual(record!.Value.State.Span), $"user {user}'s stored state differs from the reference");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Runtime.DisposeAsync();
        Store.Dispose();
        Broker.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}

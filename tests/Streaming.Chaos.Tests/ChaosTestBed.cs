using Microsoft.Extensions.Logging.Abstractions;
using Streaming.Core.Features;
using Streaming.Core.Features.Vectors;
using Streaming.Host.Chaos;
using Streaming.Kafka.Embedded;
using Streaming.Pipeline;
using Streaming.State;
using Xunit;

namespace Streaming.Chaos.Tests;

/// <summary>
/// An embedded broker (1 or more brokers) with the pipeline's topics, a RocksDB store in a
/// temporary folder, a flow-controlled workload producer and an output collector reading the
/// scored and dead-letter topics from the start: what the in-process fault tests start from.
/// </summary>
internal sealed class ChaosTestBed : IAsyncDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "streaming-chaos-test-" + Guid.NewGuid().ToString("N"));

    private readonly string _storePath;

    public ChaosTestBed(int partitions = 4, int brokers = 1, int maxPayloadBytes = 2_048, string? storePath = null)
    {
        _storePath = storePath ?? Path.Combine(_folder, "store");
        Options = new PipelineOptions { Partitions = partitions, GroupId = "chaos-test", MaxCheckpointRecords = 256, MaxPayloadBytes = maxPayloadBytes };
        Broker = EmbeddedKafkaBroker.Start(brokers);
        foreach (var topic in new[] { Options.EventsTopic, Options.ScoredTopic, Options.DeadLetterTopic })
        {
            Broker.CreateTopic(topic, partitions, replicationFactor: brokers);
        }
        Store = OpenStore();
        Engine = new FeatureEngine(FeatureOptions.Default, new HashItemVectors(FeatureOptions.Default.EmbeddingDim));
        Outputs = OutputCollector.Start(Broker.BootstrapServers, Options, partitions);
        Producer = new WorkloadProducer(Broker.BootstrapServers, Options.EventsTopic);
    }

    public PipelineOptions Options { get; }

    public EmbeddedKafkaBroker Broker { get; }

    public RocksDbStateStore Store { get; private set; }

    public FeatureEngine Engine { get; }

    public OutputCollector Outputs { get; }

    public WorkloadProducer Producer { get; }

    public string Folder => _folder;

    public static ChaosWorkload Workload(int events, int bad, int users = 200, long seed = 5, int maxPayloadBytes = 2_048) =>
        ChaosWorkload.Create(events, users, bad, seed, maxPayloadBytes);

    /// <summary>Closes the store and opens it again, as a restarted process would.</summary>
    public void ReopenStore()
    {
        Store.Dispose();
        Store = OpenStore();
    }

    private RocksDbStateStore OpenStore() => new(new RocksDbStoreOptions { Path = _storePath, SyncWrites = false });

    /// <summary>Records covered by the store's offsets, summed over partitions (0 while the store is being reopened).</summary>
    public long Durable()
    {
        long durable = 0;
        try
        {
            for (var p = 0; p < Options.Partitions; p++)
            {
                durable += Store.ReadOffset(Options.EventsTopic, p) ?? 0;
            }
        }
        catch (ObjectDisposedException)
        {
            // Between closing and reopening in ReopenStore; the producer's flow control just waits.
            return 0;
        }
        return durable;
    }

    /// <summary>Produces the workload as fast as the pipeline makes it durable (<paramref name="windowPerPartition"/> records per partition ahead at most).</summary>
    public Task<RecordPositions> Produce(ChaosWorkload workload, int windowPerPartition = 2_000) =>
        Task.Run(() => Producer.ProduceAsync(workload, Durable, (long)windowPerPartition * Options.Partitions, recordsPerSecond: 1e9, CancellationToken.None));

    public PipelineNode StartNode(IStateStore? store = null) =>
        PipelineNode.Start(Broker.BootstrapServers, Options, store ?? Store, Engine, NullLoggerFactory.Instance,
            source => source with { SessionTimeout = TimeSpan.FromSeconds(6) });

    public async Task WaitDurable(long records, PipelineNode node, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (Durable() < records)
        {
            Assert.False(node.Pipeline.Completion.IsCompleted, "the pipeline stopped: " + node.Pipeline.Completion.Exception?.GetBaseException().Message);
            Assert.True(DateTime.UtcNow < deadline, $"the pipeline did not make {records:N0} records durable in time: {Durable():N0} are");
            await Task.Delay(20);
        }
    }

    public async Task<ChaosVerdict> Verify(ChaosWorkload workload, RecordPositions positions)
    {
        await Outputs.WaitForEndAsync(TimeSpan.FromSeconds(30));
        var ends = CatchUp.EndOffsets(Broker.BootstrapServers, Options.EventsTopic, Options.Partitions);
        return ChaosVerifier.Verify(workload, positions, Store, Options.EventsTopic, ends, Engine, Outputs.Answers(), Outputs.DeadLetters());
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

    public async ValueTask DisposeAsync()
    {
        Producer.Dispose();
        Outputs.Dispose();
        Store.Dispose();
        Broker.Dispose();
        await Task.CompletedTask;
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

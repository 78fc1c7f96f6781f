using Microsoft.Extensions.Logging;
using Streaming.Core.Features;
using Streaming.Kafka.Consumer;
using Streaming.Kafka.Producer;
using Streaming.Pipeline.Scoring;
using Streaming.Pipeline.Training;
using Streaming.State;

namespace Streaming.Pipeline;

/// <summary>
/// One pipeline node: its actor system, its output producer and its running
/// <see cref="StreamingPipeline"/>. The store is borrowed: the caller opens it and outlives the node,
/// so several nodes of a test (or a restart) can share it the way deployed nodes share Cassandra.
/// </summary>
public sealed class PipelineNode : IAsyncDisposable
{
    private readonly StreamRuntime _runtime;
    private readonly KafkaOutputProducer _producer;
    private readonly ModelScoring? _models;

    private PipelineNode(StreamRuntime runtime, KafkaOutputProducer producer, StreamingPipeline pipeline, ModelScoring? models)
    {
        _runtime = runtime;
        _producer = producer;
        _models = models;
        Pipeline = pipeline;
    }

    /// <summary>The node's model stages; null when it scores with the baseline.</summary>
    public ModelScoring? Models => _models;

    /// <summary>The node's pipeline.</summary>
    public StreamingPipeline Pipeline { get; }

    /// <summary>Starts a node consuming from <paramref name="bootstrapServers"/>.</summary>
    /// <param name="bootstrapServers">The Kafka bootstrap address.</param>
    /// <param name="options">Topics, group and checkpoint settings.</param>
    /// <param name="store">The state store, borrowed for the node's life.</param>
    /// <param name="engine">The feature engine.</param>
    /// <param name="loggers">Where the node logs.</param>
    /// <param name="configureSource">Adjusts the consumer settings (tests shorten timeouts).</param>
    /// <param name="models">
    /// Where the ONNX model stages come from: a registry folder and the inference options. Null
    /// scores with the rule-based <see cref="BaselineScorer"/> instead.
    /// </param>
    /// <param name="samples">The training sample log (docs/training-samples.md), borrowed: the caller disposes it after the node; null logs nothing.</param>
    public static PipelineNode Start(
        string bootstrapServers,
        PipelineOptions options,
        IStateStore store,
        FeatureEngine engine,
        ILoggerFactory loggers,
        Func<KafkaSourceSettings, KafkaSourceSettings>? configureSource = null,
        ModelSettings? models = null,
        ISampleLog? samples = null)
    {
        var source = KafkaSourceSettings.Create(bootstrapServers, options.GroupId, options.EventsTopic);
        source = configureSource?.Invoke(source) ?? source;
        var producer = new KafkaOutputProducer(new KafkaProducerSettings { BootstrapServers = bootstrapServers, ClientId = "streaming-outputs" });
        var scoring = models is null ? null : ModelScoring.Start(models, loggers);
        Func<IRequestScorer> scorers = scoring is null ? () => new BaselineScorer(engine) : () => new OnnxRequestScorer(engine, scoring);
        var runtime = new StreamRuntime();
        var pipeline = StreamingPipeline.Start(runtime.Materializer, options, source, store, engine, scorers, producer, loggers, samples);
        return new PipelineNode(runtime, producer, pipeline, scoring);
    }

    /// <summary>The draining shutdown (see <see cref="StreamingPipeline.DrainAsync"/>).</summary>
    public Task DrainAsync() => Pipeline.DrainAsync();

    /// <summary>Stops without committing more, as a crash would, and waits for the stream to end.</summary>
    public async Task AbortAsync()
    {
        Pipeline.Abort();
        try
        {
            await Pipeline.Completion.WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        }
        catch (Exception) when (Pipeline.Completion.IsFaulted)
        {
            // An aborted stream may end with the abort's error; that is the point.
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _runtime.DisposeAsync().ConfigureAwait(false);
        _producer.Dispose();
        _models?.Dispose();
    }
}

using System.Globalization;
using System.Text;
using Confluent.Kafka;
using Streaming.Kafka.Producer;

namespace Streaming.Pipeline.Training;

/// <summary>
/// The sample log as a Kafka topic (the deployed setting): one record per framed event, keyed by
/// user id in decimal like the input, produced by the log's own compressing producer into the
/// checkpoint's delivery barrier, so the checkpoint commits only once every record is acknowledged.
/// </summary>
public sealed class KafkaSampleLog : ISampleLog
{
    private readonly KafkaOutputProducer _producer;
    private readonly string _topic;
    private readonly double _rate;

    /// <summary>A log producing to <see cref="TrainingOptions.SamplesTopic"/> at <paramref name="bootstrapServers"/>.</summary>
    public KafkaSampleLog(string bootstrapServers, TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _topic = options.SamplesTopic;
        _rate = options.SampleRate;
        _producer = new KafkaOutputProducer(new KafkaProducerSettings
        {
            BootstrapServers = bootstrapServers,
            ClientId = "streaming-samples",
            // Rows of one request repeat the user's recent vectors: batches compress well.
            Properties = new Dictionary<string, string> { ["compression.type"] = options.KafkaCompression },
        });
    }

    /// <inheritdoc />
    public double SampleRate => _rate;

    /// <inheritdoc />
    public SampleLogCounters Counters { get; } = new();

    /// <inheritdoc />
    public ISampleSink Open(TopicPartition source, DeliveryBarrier outputs) => new Sink(this, outputs);

    /// <inheritdoc />
    public void Dispose() => _producer.Dispose();

    private sealed class Sink(KafkaSampleLog log, DeliveryBarrier outputs) : ISampleSink
    {
        public void Append(long userId, ReadOnlySpan<byte> payload) =>
            log._producer.Produce(log._topic, Encoding.UTF8.GetBytes(userId.ToString(CultureInfo.InvariantCulture)), payload.ToArray(), headers: null, outputs);

        // The records are the barrier's: the checkpoint awaits their acknowledgements with its other outputs.
        public Task CompleteAsync(CancellationToken cancellation) => Task.CompletedTask;
    }
}

using Confluent.Kafka;
using Streaming.Kafka.Producer;

namespace Streaming.Pipeline.Training;

/// <summary>
/// Where a node logs training samples (SPEC §7, docs/training-samples.md): the served model inputs
/// of scored requests and the outcomes of applied interactions, as framed events. Thread-safe:
/// every partition opens its own sinks.
/// </summary>
public interface ISampleLog : IDisposable
{
    /// <summary>The fraction of scored requests whose inputs are logged (<c>training.sample_rate</c>).</summary>
    double SampleRate { get; }

    /// <summary>What has been made durable so far.</summary>
    SampleLogCounters Counters { get; }

    /// <summary>Opens the log's part of one checkpoint of <paramref name="source"/>, whose outputs are acknowledged through <paramref name="outputs"/>.</summary>
    ISampleSink Open(TopicPartition source, DeliveryBarrier outputs);
}

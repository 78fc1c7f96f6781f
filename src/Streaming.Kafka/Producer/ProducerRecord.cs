using Confluent.Kafka;

namespace Streaming.Kafka.Producer;

/// <summary>A record for <see cref="KafkaProducerSink"/>.</summary>
/// <param name="Topic">Destination topic.</param>
/// <param name="Key">Key bytes (partitioning uses them), or null.</param>
/// <param name="Value">Value bytes, or null (a tombstone).</param>
/// <param name="Headers">Headers, or null.</param>
/// <param name="Partition">Explicit partition, or null to let the key decide.</param>
public readonly record struct ProducerRecord(string Topic, byte[]? Key, byte[]? Value, Headers? Headers = null, int? Partition = null);

using Confluent.Kafka;

namespace Streaming.Kafka.Consumer;

/// <summary>Everything before <paramref name="NextOffset"/> in <paramref name="Partition"/> is durable.</summary>
/// <param name="Partition">The partition.</param>
/// <param name="NextOffset">Offset of the first record that is not yet durable (last durable offset + 1).</param>
public readonly record struct DurableOffset(TopicPartition Partition, long NextOffset);

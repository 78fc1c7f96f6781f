using Akka;
using Akka.Streams.Dsl;
using Confluent.Kafka;

namespace Streaming.Kafka.Consumer;

/// <summary>
/// One assigned partition: its records in offset order. <see cref="Records"/> completes when the
/// partition is revoked or lost or the source shuts down, and may be materialized once.
/// </summary>
/// <param name="Partition">The assigned partition.</param>
/// <param name="Records">The partition's records from its start offset on.</param>
public sealed record PartitionSource(TopicPartition Partition, Source<ConsumeResult<byte[], byte[]>, NotUsed> Records);

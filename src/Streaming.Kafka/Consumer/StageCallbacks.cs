using Confluent.Kafka;

namespace Streaming.Kafka.Consumer;

/// <summary>
/// The async callbacks (created once, in the stage's PreStart) through which the consumer
/// thread re-enters <see cref="KafkaPartitionSource"/>. Invoked only on the consumer thread, in
/// order, so the stage sees assignments and releases in the order they happened.
/// </summary>
/// <param name="Assigned">New partitions to emit.</param>
/// <param name="Released">Partitions revoked, lost or closed by shutdown; pending ones must not be emitted.</param>
/// <param name="Stopped">The consumer closed; null on a clean stop, else the error that stopped it.</param>
internal sealed record StageCallbacks(
    Action<IReadOnlyList<PartitionSource>> Assigned,
    Action<IReadOnlyList<TopicPartition>> Released,
    Action<Exception?> Stopped);

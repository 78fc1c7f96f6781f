using Confluent.Kafka;
using Streaming.Kafka.Producer;
using Streaming.State;

namespace Streaming.Pipeline.Processing;

/// <summary>
/// The unit of durability of one partition: the outputs produced for a run of records, and the
/// encoded state of the users they changed together with the partition's next offset. It is
/// durable when every output is acknowledged and the store has committed the batch; only then may
/// the offset be committed to Kafka.
/// </summary>
internal sealed record Checkpoint(
    TopicPartition Partition,
    StateBatch Batch,
    IReadOnlyList<CachedUser> Users,
    DeliveryBarrier Outputs,
    int Records);

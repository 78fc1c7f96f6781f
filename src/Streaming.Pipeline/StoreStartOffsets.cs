using Confluent.Kafka;
using Streaming.Kafka.Consumer;
using Streaming.State;

namespace Streaming.Pipeline;

/// <summary>
/// Tells the Kafka source where an assigned partition resumes: the next offset the state store
/// holds for it, so a restart or a rebalance continues exactly where the durable state is.
/// </summary>
internal sealed class StoreStartOffsets(IStateStore store) : IPartitionStartOffsets
{
    public long? GetStartOffset(TopicPartition partition) => store.ReadOffset(partition.Topic, partition.Partition.Value);
}

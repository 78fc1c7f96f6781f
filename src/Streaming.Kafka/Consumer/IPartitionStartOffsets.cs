using Confluent.Kafka;

namespace Streaming.Kafka.Consumer;

/// <summary>
/// Where a newly assigned partition starts: normally the state store's next offset, so that a
/// partition resumes exactly where its durable state is.
/// </summary>
/// <remarks>
/// Called on the consumer thread inside the rebalance callback, before the partition's first
/// fetch; it may block briefly (a store read) but the group's rebalance waits for it. An
/// exception fails the source.
/// </remarks>
public interface IPartitionStartOffsets
{
    /// <summary>The next offset to read from <paramref name="partition"/>, or null for the group's committed offset (earliest when none).</summary>
    /// <param name="partition">The newly assigned partition.</param>
    /// <returns>The offset of the first record to deliver, or null.</returns>
    long? GetStartOffset(TopicPartition partition);
}

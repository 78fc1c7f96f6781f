using Confluent.Kafka;

namespace Streaming.Kafka.Consumer;

/// <summary>Starts every partition at the group's committed offset (earliest when none).</summary>
public sealed class CommittedStartOffsets : IPartitionStartOffsets
{
    /// <summary>The single instance; it holds no state.</summary>
    public static readonly CommittedStartOffsets Instance = new();

    private CommittedStartOffsets()
    {
    }

    /// <inheritdoc />
    public long? GetStartOffset(TopicPartition partition) => null;
}

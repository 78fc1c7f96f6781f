using Akka.Streams.Dsl;

namespace Streaming.Kafka.Consumer;

/// <summary>
/// The stream shape of <see cref="IKafkaConsumerControl.MarkDurable"/>: a sink that marks each
/// <see cref="DurableOffset"/> it receives. Marking is the only way to commit; the consumer
/// thread batches the marks into commits.
/// </summary>
public static class KafkaCommitter
{
    /// <summary>A sink marking every received offset durable on <paramref name="control"/>.</summary>
    /// <param name="control">The materialized control of a <see cref="KafkaPartitionSource"/>.</param>
    /// <returns>The sink; its task completes when the stream of offsets completes.</returns>
    public static Sink<DurableOffset, Task> Create(IKafkaConsumerControl control)
    {
        ArgumentNullException.ThrowIfNull(control);
        return Sink.ForEach<DurableOffset>(offset => control.MarkDurable(offset.Partition, offset.NextOffset))
            .MapMaterializedValue(done => (Task)done);
    }
}

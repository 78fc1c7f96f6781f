using Confluent.Kafka;

namespace Streaming.Kafka.Consumer;

/// <summary>
/// Control of a running <see cref="KafkaPartitionSource"/> (its materialized value). Every
/// member is thread-safe.
/// </summary>
public interface IKafkaConsumerControl
{
    /// <summary>
    /// Records that every record of <paramref name="partition"/> before
    /// <paramref name="nextOffset"/> is durable (state and outputs written). This is the only way
    /// offsets get committed: the consumer thread commits the highest mark per partition every
    /// <see cref="KafkaSourceSettings.CommitInterval"/> or <see cref="KafkaSourceSettings.CommitBatch"/>
    /// records, and on revoke and shutdown. Marks only move forward (a lower one is ignored) and
    /// marks for partitions this consumer no longer owns are ignored.
    /// </summary>
    /// <param name="partition">The partition.</param>
    /// <param name="nextOffset">Offset of the first record that is not durable yet.</param>
    void MarkDurable(TopicPartition partition, long nextOffset);

    /// <summary>
    /// Graceful stop: stops fetching and emitting, completes every partition sub-stream so the
    /// work in flight can finish, waits up to <paramref name="bound"/> for the pipeline to mark
    /// everything it received durable, commits the marks, closes the consumer (leaving the group
    /// cleanly, so its partitions move at once) and completes the source.
    /// </summary>
    /// <param name="bound">Longest wait for durable marks to settle.</param>
    /// <returns>Completes once the consumer is closed; faults if closing failed.</returns>
    Task DrainAndShutdown(TimeSpan bound);

    /// <summary>
    /// Abrupt stop: completes the sub-streams and the source without waiting for in-flight work,
    /// commits only what is already marked durable and closes the consumer.
    /// </summary>
    /// <returns>Completes once the consumer is closed.</returns>
    Task Stop();

    /// <summary>Completes when the consumer has closed, for whatever reason; faults with the error that stopped it.</summary>
    Task Completion { get; }

    /// <summary>The latest health picture, refreshed by the consumer thread every <see cref="KafkaSourceSettings.HealthInterval"/> and after each assignment change and commit.</summary>
    /// <returns>An immutable snapshot.</returns>
    KafkaConsumerHealth Snapshot();
}

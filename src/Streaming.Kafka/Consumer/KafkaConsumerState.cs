namespace Streaming.Kafka.Consumer;

/// <summary>Life-cycle of a <see cref="KafkaPartitionSource"/> consumer.</summary>
public enum KafkaConsumerState
{
    /// <summary>The consumer thread has not subscribed yet.</summary>
    Starting,

    /// <summary>Subscribed; fetching and emitting.</summary>
    Running,

    /// <summary>Draining or stopping: no more fetching; waiting for marks, committing, closing.</summary>
    Stopping,

    /// <summary>Closed after a drain or stop.</summary>
    Stopped,

    /// <summary>Closed because of an error (see <see cref="IKafkaConsumerControl.Completion"/>).</summary>
    Failed,
}

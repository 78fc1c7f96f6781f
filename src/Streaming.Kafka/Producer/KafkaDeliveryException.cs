using Confluent.Kafka;

namespace Streaming.Kafka.Producer;

/// <summary>A record could not be delivered (after librdkafka's own retries).</summary>
public sealed class KafkaDeliveryException : Exception
{
    /// <summary>Creates the exception for a failed delivery to <paramref name="topic"/>.</summary>
    /// <param name="topic">Topic of the record.</param>
    /// <param name="error">The delivery error.</param>
    public KafkaDeliveryException(string topic, Error error)
        : base($"Delivery to topic '{topic}' failed: {error.Code} ({error.Reason}){(error.IsFatal ? "; the producer is unusable (fatal error)" : "")}.")
    {
        Topic = topic;
        Error = error;
    }

    /// <summary>Topic of the record.</summary>
    public string Topic { get; }

    /// <summary>The delivery error.</summary>
    public Error Error { get; }
}

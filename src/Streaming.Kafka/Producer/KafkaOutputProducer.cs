using Confluent.Kafka;

namespace Streaming.Kafka.Producer;

/// <summary>
/// The pipeline's output producer: one idempotent, acks=all Confluent producer shared by every
/// output topic. Each record belongs to a <see cref="DeliveryBarrier"/> (one per checkpoint)
/// whose task says when all of them are durable in Kafka.
/// </summary>
/// <remarks>Thread-safe, as the Confluent producer is. No task or delegate is allocated per record.</remarks>
public sealed class KafkaOutputProducer : IDisposable
{
    private static readonly TimeSpan s_queueFullBackoff = TimeSpan.FromMilliseconds(2);
    private readonly IProducer<byte[], byte[]> _producer;

    /// <summary>Builds the producer (it connects lazily).</summary>
    /// <param name="settings">Producer settings; validated here.</param>
    public KafkaOutputProducer(KafkaProducerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        _producer = new ProducerBuilder<byte[], byte[]>(settings.ToProducerConfig()).Build();
    }

    /// <summary>
    /// Queues one record for delivery as part of <paramref name="barrier"/>. Blocks (briefly, in
    /// steps of a few ms) only while librdkafka's local queue is full, which backpressures the
    /// caller. A record librdkafka refuses outright (too large, unknown partition) faults the
    /// barrier like a failed delivery.
    /// </summary>
    /// <param name="topic">Destination topic.</param>
    /// <param name="key">Key bytes, or null.</param>
    /// <param name="value">Value bytes, or null.</param>
    /// <param name="headers">Headers, or null.</param>
    /// <param name="barrier">The checkpoint's barrier; must not be sealed.</param>
    public void Produce(string topic, byte[]? key, byte[]? value, Headers? headers, DeliveryBarrier barrier)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ArgumentNullException.ThrowIfNull(barrier);
        barrier.Enter();
        var message = new Message<byte[], byte[]> { Key = key!, Value = value!, Headers = headers };
        while (true)
        {
            try
            {
                _producer.Produce(topic, message, barrier.DeliveryHandler);
                return;
            }
            catch (ProduceException<byte[], byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
            {
                Thread.Sleep(s_queueFullBackoff);
            }
            catch (ProduceException<byte[], byte[]> e)
            {
                barrier.Fail(new KafkaDeliveryException(topic, e.Error));
                return;
            }
        }
    }

    /// <summary>Waits up to <paramref name="timeout"/> for every queued record to be delivered or fail.</summary>
    /// <param name="timeout">Longest wait.</param>
    /// <returns>Records still undelivered when the wait ended.</returns>
    public int Flush(TimeSpan timeout) => _producer.Flush(timeout);

    /// <summary>Flushes for up to 10 s, then closes the producer (records still queued fail their barriers).</summary>
    public void Dispose()
    {
        _producer.Flush(TimeSpan.FromSeconds(10));
        _producer.Dispose();
    }
}

using Confluent.Kafka;

namespace Streaming.Kafka.Producer;

/// <summary>
/// Configuration of <see cref="KafkaOutputProducer"/> and <see cref="KafkaProducerSink"/>.
/// Both always produce with acks=all and idempotence on: a record is delivered once all
/// in-sync replicas have it, exactly once per partition even across retries.
/// </summary>
public sealed record KafkaProducerSettings
{
    /// <summary>Kafka bootstrap servers (host:port, comma separated).</summary>
    public required string BootstrapServers { get; init; }

    /// <summary>Client id reported to the brokers.</summary>
    public string ClientId { get; init; } = "streaming";

    /// <summary>
    /// How long the producer waits to fill a batch; 5 ms by default: small against a
    /// checkpoint's latency, long enough to batch a busy partition's records.
    /// </summary>
    public TimeSpan Linger { get; init; } = TimeSpan.FromMilliseconds(5);

    /// <summary>
    /// Upper bound on a record's delivery, retries included (message.timeout.ms); after it the
    /// delivery fails. 30 s by default, so a lost broker surfaces as an error within a checkpoint
    /// or two instead of librdkafka's 5 minutes.
    /// </summary>
    public TimeSpan DeliveryTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Records <see cref="KafkaProducerSink"/> lets be in flight (produced, not yet delivered);
    /// 10,000 by default, well under librdkafka's own queue limit of 100,000 messages.
    /// </summary>
    public int MaxInFlight { get; init; } = 10_000;

    /// <summary>Extra librdkafka producer properties, applied last (acks and idempotence cannot be changed).</summary>
    public IReadOnlyDictionary<string, string> Properties { get; init; } = new Dictionary<string, string>();

    /// <summary>Throws <see cref="ArgumentException"/> naming the first inconsistent setting.</summary>
    public void Validate()
    {
        Require(!string.IsNullOrWhiteSpace(BootstrapServers), nameof(BootstrapServers), "is empty");
        Require(Linger >= TimeSpan.Zero, nameof(Linger), "must not be negative");
        Require(DeliveryTimeout > TimeSpan.Zero, nameof(DeliveryTimeout), "must be positive");
        Require(MaxInFlight is >= 1 and <= 100_000, nameof(MaxInFlight), "must be in [1, 100000] (librdkafka's queue holds 100,000)");
    }

    internal ProducerConfig ToProducerConfig()
    {
        var config = new ProducerConfig
        {
            BootstrapServers = BootstrapServers,
            ClientId = ClientId,
            LingerMs = Linger.TotalMilliseconds,
            MessageTimeoutMs = (int)DeliveryTimeout.TotalMilliseconds,
        };
        foreach (var (key, value) in Properties)
        {
            config.Set(key, value);
        }

        config.Acks = Acks.All;
        config.EnableIdempotence = true;
        // Delivery reports carry only status and position; the record stays with the caller.
        config.DeliveryReportFields = "status";
        return config;
    }

    private static void Require(bool condition, string name, string problem)
    {
        if (!condition)
        {
            throw new ArgumentException($"{nameof(KafkaProducerSettings)}.{name} {problem}.", name);
        }
    }
}

using Confluent.Kafka;
using Streaming.Kafka.Embedded;
using Streaming.Kafka.Producer;

namespace Streaming.Kafka.Tests.Producer;

public sealed class DeliveryBarrierTests : IDisposable
{
    private readonly EmbeddedKafkaBroker _broker = EmbeddedKafkaBroker.Start();

    [Fact]
    public async Task A_sealed_barrier_completes_once_every_record_is_delivered()
    {
        _broker.CreateTopic("scored", partitions: 3);
        _broker.CreateTopic("samples", partitions: 1);
        using var producer = new KafkaOutputProducer(new KafkaProducerSettings { BootstrapServers = _broker.BootstrapServers });
        var barrier = new DeliveryBarrier();

        for (var i = 0; i < 1000; i++)
        {
            producer.Produce(i % 2 == 0 ? "scored" : "samples", [(byte)i], [(byte)(i >> 8), (byte)i], null, barrier);
        }

        Assert.False(barrier.Completion.IsCompleted);
        barrier.Seal();
        await barrier.Completion.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(0, barrier.Pending);
        Assert.Equal(500, EndOffsetSum("scored", 3));
        Assert.Equal(500, EndOffsetSum("samples", 1));
    }

    [Fact]
    public async Task An_empty_barrier_completes_when_sealed()
    {
        var barrier = new DeliveryBarrier();
        Assert.False(barrier.Completion.IsCompleted);

        barrier.Seal();

        await barrier.Completion.WaitAsync(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task A_failed_delivery_faults_the_barrier_naming_the_topic()
    {
        _broker.CreateTopic("scored", partitions: 1);
        using var producer = new KafkaOutputProducer(new KafkaProducerSettings { BootstrapServers = _broker.BootstrapServers });
        // Warm up so the producer id is assigned before the broker starts refusing.
        var warmUp = new DeliveryBarrier();
        producer.Produce("scored", [1], [1], null, warmUp);
        warmUp.Seal();
        await warmUp.Completion.WaitAsync(TimeSpan.FromSeconds(20));
        _broker.PushRequestErrors(KafkaApiKey.Produce, Enumerable.Repeat(ErrorCode.TopicAuthorizationFailed, 10).ToArray());
        var barrier = new DeliveryBarrier();

        producer.Produce("scored", [2], [2], null, barrier);
        barrier.Seal();

        var failure = await Assert.ThrowsAsync<KafkaDeliveryException>(() => barrier.Completion.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.Equal("scored", failure.Topic);
        Assert.Equal(ErrorCode.TopicAuthorizationFailed, failure.Error.Code);
    }

    [Fact]
    public void A_sealed_barrier_takes_no_more_records()
    {
        using var producer = new KafkaOutputProducer(new KafkaProducerSettings { BootstrapServers = _broker.BootstrapServers });
        var barrier = new DeliveryBarrier();
        barrier.Seal();

        Assert.Throws<InvalidOperationException>(() => producer.Produce("scored", null, [1], null, barrier));
    }

    private long EndOffsetSum(string topic, int partitions)
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig { BootstrapServers = _broker.BootstrapServers, GroupId = "watermarks" }).Build();
        return Enumerable.Range(0, partitions)
            .Sum(p => consumer.QueryWatermarkOffsets(new TopicPartition(topic, p), TimeSpan.FromSeconds(10)).High.Value);
    }

    public void Dispose() => _broker.Dispose();
}

using Akka.Streams;
using Akka.Streams.Dsl;
using Confluent.Kafka;
using Streaming.Kafka.Embedded;
using Streaming.Kafka.Producer;

namespace Streaming.Kafka.Tests.Producer;

public sealed class KafkaProducerSinkTests : Akka.TestKit.Xunit2.TestKit, IDisposable
{
    private readonly EmbeddedKafkaBroker _broker = EmbeddedKafkaBroker.Start();

    [Fact]
    public async Task Every_record_is_delivered_before_the_sink_completes_even_with_little_room_in_flight()
    {
        _broker.CreateTopic("bulk", partitions: 4);
        var settings = new KafkaProducerSettings { BootstrapServers = _broker.BootstrapServers, MaxInFlight = 8 };

        await Source.From(Enumerable.Range(0, 2000))
            .Select(i => new ProducerRecord("bulk", BitConverter.GetBytes(i), BitConverter.GetBytes(i * 2), Partition: i % 4))
            .RunWith(KafkaProducerSink.Create(settings), Sys.Materializer())
            .WaitAsync(TimeSpan.FromSeconds(30));

        using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig { BootstrapServers = _broker.BootstrapServers, GroupId = "check" }).Build();
        for (var p = 0; p < 4; p++)
        {
            Assert.Equal(500, consumer.QueryWatermarkOffsets(new TopicPartition("bulk", p), TimeSpan.FromSeconds(10)).High.Value);
        }
    }

    [Fact]
    public async Task A_failed_delivery_fails_the_stream_with_a_delivery_error()
    {
        _broker.CreateTopic("bulk", partitions: 1);
        var settings = new KafkaProducerSettings { BootstrapServers = _broker.BootstrapServers, MaxInFlight = 4 };
        _broker.PushRequestErrors(KafkaApiKey.Produce, Enumerable.Repeat(ErrorCode.TopicAuthorizationFailed, 50).ToArray());

        var done = Source.From(Enumerable.Range(0, 100))
            .Select(i => new ProducerRecord("bulk", null, BitConverter.GetBytes(i)))
            .RunWith(KafkaProducerSink.Create(settings), Sys.Materializer());

        var failure = await Assert.ThrowsAsync<KafkaDeliveryException>(() => done.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(ErrorCode.TopicAuthorizationFailed, failure.Error.Code);
        Assert.Contains("bulk", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_upstream_failure_fails_the_sink()
    {
        _broker.CreateTopic("bulk", partitions: 1);
        var settings = new KafkaProducerSettings { BootstrapServers = _broker.BootstrapServers };

        var done = Source.Failed<ProducerRecord>(new InvalidOperationException("upstream broke"))
            .RunWith(KafkaProducerSink.Create(settings), Sys.Materializer());

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => done.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal("upstream broke", failure.Message);
    }

    void IDisposable.Dispose()
    {
        Shutdown();
        _broker.Dispose();
    }
}

using System.Text;
using Confluent.Kafka;
using Streaming.Kafka.Embedded;

namespace Streaming.Kafka.Tests.Embedded;

public sealed class EmbeddedKafkaBrokerTests
{
    [Fact]
    public void Created_topics_report_their_partition_count_in_metadata()
    {
        using var broker = EmbeddedKafkaBroker.Start(brokerCount: 3);
        broker.CreateTopic("interactions", partitions: 6, replicationFactor: 2);
        broker.CreateTopic("requests", partitions: 2);

        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = broker.BootstrapServers }).Build();
        var metadata = admin.GetMetadata(TimeSpan.FromSeconds(10));

        Assert.Equal(3, metadata.Brokers.Count);
        var interactions = Assert.Single(metadata.Topics, t => t.Topic == "interactions");
        Assert.Equal(6, interactions.Partitions.Count);
        Assert.All(interactions.Partitions, p => Assert.Equal(2, p.Replicas.Length));
        Assert.Equal(2, Assert.Single(metadata.Topics, t => t.Topic == "requests").Partitions.Count);
    }

    [Fact]
    public void Creating_an_existing_topic_is_refused()
    {
        using var broker = EmbeddedKafkaBroker.Start();
        broker.CreateTopic("t", partitions: 1);

        var error = Assert.Throws<KafkaException>(() => broker.CreateTopic("t", partitions: 1));

        Assert.Equal(ErrorCode.TopicAlreadyExists, error.Error.Code);
    }

    [Fact]
    public void Produced_records_are_consumed_back_in_order()
    {
        using var broker = EmbeddedKafkaBroker.Start();
        broker.CreateTopic("round-trip", partitions: 1);
        using (var producer = new ProducerBuilder<byte[], byte[]>(new ProducerConfig
        {
            BootstrapServers = broker.BootstrapServers,
            Acks = Acks.All,
            EnableIdempotence = true,
        }).Build())
        {
            for (var i = 0; i < 100; i++)
            {
                producer.Produce("round-trip", new Message<byte[], byte[]> { Key = [(byte)i], Value = Encoding.UTF8.GetBytes("v" + i) });
            }

            Assert.Equal(0, producer.Flush(TimeSpan.FromSeconds(10)));
        }

        using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig
        {
            BootstrapServers = broker.BootstrapServers,
            GroupId = "round-trip",
            AutoOffsetReset = AutoOffsetReset.Earliest,
            SessionTimeoutMs = 6000,
        }).Build();
        consumer.Subscribe("round-trip");
        var values = new List<string>();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (values.Count < 100 && DateTime.UtcNow < deadline)
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (result is not null)
            {
                Assert.Equal(values.Count, result.Offset.Value);
                values.Add(Encoding.UTF8.GetString(result.Message.Value));
            }
        }

        consumer.Close();
        Assert.Equal(Enumerable.Range(0, 100).Select(i => "v" + i), values);
    }

    [Fact]
    public void Bootstrap_file_holds_the_bootstrap_servers()
    {
        using var broker = EmbeddedKafkaBroker.Start(brokerCount: 2);
        var folder = Path.Combine(Path.GetTempPath(), "streaming-kafka-tests", Guid.NewGuid().ToString("N"));
        var path = Path.Combine(folder, "nested", "bootstrap.txt");
        try
        {
            broker.WriteBootstrapFile(path);

            Assert.Equal(broker.BootstrapServers, File.ReadAllText(path).Trim());
            Assert.Equal(2, broker.BootstrapServers.Split(',').Length);
            Assert.All(broker.BootstrapServers.Split(','), s => Assert.StartsWith("127.0.0.1:", s, StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

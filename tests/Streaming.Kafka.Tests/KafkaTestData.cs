using System.Text;
using Confluent.Kafka;
using Streaming.Kafka.Consumer;

namespace Streaming.Kafka.Tests;

/// <summary>Test settings sized for the in-process mock cluster, and record helpers.</summary>
internal static class KafkaTestData
{
    public static KafkaSourceSettings SourceSettings(string bootstrapServers, string groupId, params string[] topics) =>
        KafkaSourceSettings.Create(bootstrapServers, groupId, topics) with
        {
            SessionTimeout = TimeSpan.FromSeconds(3),
            PollTimeout = TimeSpan.FromMilliseconds(20),
            CommitInterval = TimeSpan.FromMilliseconds(100),
            HealthInterval = TimeSpan.FromMilliseconds(50),
            RevokeTimeout = TimeSpan.FromSeconds(5),
            FetchWaitMax = TimeSpan.FromMilliseconds(50),
        };

    /// <summary>How often tests poll a condition (the TestKit default is coarse).</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    public static string ValueOf(int partition, long offset) => $"p{partition}-o{offset}";

    /// <summary>Produces <paramref name="count"/> records into one partition; record i has value <see cref="ValueOf"/>.</summary>
    public static void Produce(string bootstrapServers, string topic, int partition, int count, int firstIndex = 0) =>
        Produce(bootstrapServers, topic, [partition], count, firstIndex);

    /// <summary>Produces <paramref name="count"/> records into each of <paramref name="partitions"/> with one producer.</summary>
    public static void Produce(string bootstrapServers, string topic, IEnumerable<int> partitions, int count, int firstIndex = 0)
    {
        using var producer = new ProducerBuilder<byte[], byte[]>(new ProducerConfig
        {
            BootstrapServers = bootstrapServers,
            Acks = Acks.All,
            EnableIdempotence = true,
            LingerMs = 1,
        }).Build();
        foreach (var partition in partitions)
        {
            for (var i = firstIndex; i < firstIndex + count; i++)
            {
                producer.Produce(
                    new TopicPartition(topic, partition),
                    new Message<byte[], byte[]> { Key = Encoding.UTF8.GetBytes("k" + i), Value = Encoding.UTF8.GetBytes(ValueOf(partition, i)) });
            }
        }

        if (producer.Flush(TimeSpan.FromSeconds(10)) != 0)
        {
            throw new InvalidOperationException("test records were not delivered");
        }
    }

    /// <summary>The group's committed next offsets as a fresh consumer sees them (null when none).</summary>
    public static long?[] Committed(string bootstrapServers, string groupId, string topic, int partitions)
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = groupId,
            EnableAutoCommit = false,
        }).Build();
        var committed = consumer.Committed(
            Enumerable.Range(0, partitions).Select(p => new TopicPartition(topic, p)),
            TimeSpan.FromSeconds(10));
        return committed
            .OrderBy(c => c.Partition.Value)
            .Select(c => c.Offset == Offset.Unset ? (long?)null : c.Offset.Value)
            .ToArray();
    }
}

/// <summary>Start offsets from a fixed table, standing in for the state store.</summary>
internal sealed class FixedStartOffsets(IReadOnlyDictionary<int, long?> byPartition) : IPartitionStartOffsets
{
    public long? GetStartOffset(TopicPartition partition) =>
        byPartition.TryGetValue(partition.Partition.Value, out var offset) ? offset : null;
}

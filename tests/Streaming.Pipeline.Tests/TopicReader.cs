using Confluent.Kafka;

namespace Streaming.Pipeline.Tests;

/// <summary>Reads a whole topic, every partition from its start to its current end, outside any group.</summary>
internal static class TopicReader
{
    public static List<ConsumeResult<byte[], byte[]>> ReadAll(string bootstrap, string topic, int partitions)
    {
        var config = new ConsumerConfig { BootstrapServers = bootstrap, GroupId = "test-reader-" + Guid.NewGuid(), EnableAutoCommit = false };
        using var consumer = new ConsumerBuilder<byte[], byte[]>(config).Build();
        var records = new List<ConsumeResult<byte[], byte[]>>();
        for (var p = 0; p < partitions; p++)
        {
            var tp = new TopicPartition(topic, p);
            var end = consumer.QueryWatermarkOffsets(tp, TimeSpan.FromSeconds(10)).High.Value;
            if (end == 0)
            {
                continue;
            }
            consumer.Assign(new TopicPartitionOffset(tp, Offset.Beginning));
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (DateTime.UtcNow < deadline)
            {
                var record = consumer.Consume(TimeSpan.FromMilliseconds(200));
                if (record is null || record.IsPartitionEOF)
                {
                    continue;
                }
                records.Add(record);
                if (record.Offset.Value + 1 >= end)
                {
                    break;
                }
            }
            consumer.Unassign();
        }
        return records;
    }
}

using Confluent.Kafka;

namespace Streaming.Pipeline.Replay;

/// <summary>Reads a range of a topic synchronously with an assigned consumer (no group, no commit): for evaluation and checks, not the hot path.</summary>
public static class RangeRecords
{
    /// <summary>
    /// Every record of <paramref name="topic"/> from <paramref name="start"/> to the partition's
    /// high watermark now (or <paramref name="end"/> when given), partitions ascending, offsets ascending.
    /// </summary>
    public static List<ConsumeResult<byte[], byte[]>> Read(string bootstrapServers, string topic, IReadOnlyDictionary<int, long> start, IReadOnlyDictionary<int, long>? end = null)
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = "streaming-replay-reader",
            EnableAutoCommit = false,
            EnablePartitionEof = true,
            AutoOffsetReset = AutoOffsetReset.Error,
        };
        using var consumer = new ConsumerBuilder<byte[], byte[]>(config).Build();
        var records = new List<ConsumeResult<byte[], byte[]>>();
        foreach (var (partition, from) in start.OrderBy(kv => kv.Key))
        {
            var tp = new TopicPartition(topic, partition);
            var until = end?[partition] ?? consumer.QueryWatermarkOffsets(tp, TimeSpan.FromSeconds(10)).High.Value;
            if (from >= until)
            {
                continue;
            }
            consumer.Assign(new TopicPartitionOffset(tp, from));
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (true)
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"Reading {tp} from {from} to {until} did not finish within 60 s.");
                }
                var record = consumer.Consume(TimeSpan.FromMilliseconds(200));
                if (record is null)
                {
                    continue;
                }
                if (record.IsPartitionEOF)
                {
                    if (record.Offset.Value >= until)
                    {
                        break;
                    }
                    continue;
                }
                if (record.Offset.Value >= until)
                {
                    break;
                }
                records.Add(record);
                if (record.Offset.Value + 1 >= until)
                {
                    break;
                }
            }
            consumer.Unassign();
        }
        consumer.Close();
        return records;
    }
}

using Confluent.Kafka;
using Streaming.State;

namespace Streaming.Pipeline;

/// <summary>
/// Whether the durable state has reached the end of the input topic: every partition's stored
/// next offset equals its high watermark. It reads the store, not Kafka's committed offsets, because
/// the store is what a restart resumes from.
/// </summary>
public static class CatchUp
{
    /// <summary>The high watermark of each partition of <paramref name="topic"/>.</summary>
    public static IReadOnlyDictionary<int, long> EndOffsets(string bootstrapServers, string topic, int partitions) =>
        Watermarks(bootstrapServers, topic, partitions, static w => w.High.Value);

    /// <summary>
    /// The low watermark of each partition: above 0 when the broker has deleted the oldest
    /// records. The embedded broker keeps about 5 MiB per partition and deletes beyond that.
    /// </summary>
    public static IReadOnlyDictionary<int, long> StartOffsets(string bootstrapServers, string topic, int partitions) =>
        Watermarks(bootstrapServers, topic, partitions, static w => w.Low.Value);

    private static Dictionary<int, long> Watermarks(string bootstrapServers, string topic, int partitions, Func<WatermarkOffsets, long> pick)
    {
        var config = new ConsumerConfig { BootstrapServers = bootstrapServers, GroupId = "streaming-watermarks", EnableAutoCommit = false };
        using var consumer = new ConsumerBuilder<byte[], byte[]>(config).Build();
        var ends = new Dictionary<int, long>(partitions);
        for (var p = 0; p < partitions; p++)
        {
            ends[p] = pick(consumer.QueryWatermarkOffsets(new TopicPartition(topic, p), TimeSpan.FromSeconds(10)));
        }
        return ends;
    }

    /// <summary>Records of <paramref name="topic"/> not yet covered by durable state.</summary>
    public static long Remaining(IStateStore store, string topic, IReadOnlyDictionary<int, long> endOffsets)
    {
        long remaining = 0;
        foreach (var (partition, end) in endOffsets)
        {
            remaining += Math.Max(0, end - (store.ReadOffset(topic, partition) ?? 0));
        }
        return remaining;
    }

    /// <summary>Waits until the durable state covers <paramref name="endOffsets"/>, the pipeline fails, or the timeout passes.</summary>
    /// <returns>True when caught up.</returns>
    public static async Task<bool> WaitAsync(
        IStateStore store,
        string topic,
        IReadOnlyDictionary<int, long> endOffsets,
        Task pipelineCompletion,
        TimeSpan timeout,
        Action<long>? onProgress = null,
        CancellationToken cancellation = default)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var remaining = Remaining(store, topic, endOffsets);
            onProgress?.Invoke(remaining);
            if (remaining == 0)
            {
                return true;
            }
            if (pipelineCompletion.IsCompleted || DateTime.UtcNow > deadline || cancellation.IsCancellationRequested)
            {
                if (pipelineCompletion.IsFaulted)
                {
                    await pipelineCompletion.ConfigureAwait(false);
                }
                return false;
            }
            await Task.Delay(50, cancellation).ConfigureAwait(false);
        }
    }
}

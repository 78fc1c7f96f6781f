using Confluent.Kafka;
using Streaming.Core.Schemas;

namespace Streaming.Pipeline.Replay;

/// <summary>
/// Turns the command line's bounds into offsets against a broker: watermarks for <c>start</c> and
/// <c>end</c>, OffsetsForTimes for <c>time:</c> where the broker answers it, else (and for the
/// event-time basis) <see cref="TimestampSearch"/> over probes of single records. Uses a consumer
/// with manual assignment only: it never joins a group and never commits.
/// </summary>
public sealed class RangeResolver : IDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(10);

    private readonly IConsumer<byte[], byte[]> _consumer;
    private readonly string _topic;
    private readonly EventCodec _codec = new();

    /// <summary>A resolver of <paramref name="topic"/> on <paramref name="bootstrapServers"/>.</summary>
    public RangeResolver(string bootstrapServers, string topic)
    {
        _topic = topic;
        _consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            // Required by the client, never used: assign-only consumers join no group, and this one never commits.
            GroupId = "streaming-replay-resolver",
            EnableAutoCommit = false,
            EnablePartitionEof = true,
            AutoOffsetReset = AutoOffsetReset.Earliest,
        }).Build();
    }

    /// <summary>Probes made by binary searches so far.</summary>
    public int Probes { get; private set; }

    /// <summary>How the last time bound was resolved: "offsets_for_times", "binary_search" or "none".</summary>
    public string TimeMethod { get; private set; } = "none";

    /// <summary>The partitions of the topic, from the broker's metadata.</summary>
    public int PartitionCount(string bootstrapServers)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrapServers }).Build();
        var metadata = admin.GetMetadata(_topic, s_timeout);
        var topic = metadata.Topics.SingleOrDefault(t => t.Topic == _topic);
        if (topic is null || topic.Error.IsError || topic.Partitions.Count == 0)
        {
            throw new InvalidOperationException($"Topic '{_topic}' does not exist on {bootstrapServers}{(topic is null ? "" : ": " + topic.Error)}.");
        }
        return topic.Partitions.Count;
    }

    /// <summary>Low and high watermarks of a partition.</summary>
    public (long Low, long High) Watermarks(int partition)
    {
        var w = _consumer.QueryWatermarkOffsets(new TopicPartition(_topic, partition), s_timeout);
        return (w.Low.Value, w.High.Value);
    }

    /// <summary>Resolves <paramref name="from"/> and <paramref name="to"/> over the topic's <paramref name="partitions"/> partitions.</summary>
    /// <exception cref="ArgumentException">The bounds do not make a range (start after end, a partition that does not exist, an offset the broker no longer holds).</exception>
    public ReplayRange Resolve(RangeBound from, RangeBound to, int partitions, TimeBasis basis = TimeBasis.Kafka)
    {
        var watermarks = Enumerable.Range(0, partitions).ToDictionary(p => p, Watermarks);
        var replayed = from is RangeBound.Offsets named ? named.ByPartition.Keys.ToList() : Enumerable.Range(0, partitions).ToList();
        foreach (var p in replayed)
        {
            if (p < 0 || p >= partitions)
            {
                throw new ArgumentException($"Partition {p} does not exist ({_topic} has {partitions}).");
            }
        }
        var start = Bound(from, replayed, watermarks, basis, isEnd: false);
        var end = Bound(to, replayed, watermarks, basis, isEnd: true);
        foreach (var p in replayed)
        {
            var (low, high) = watermarks[p];
            if (start[p] < low && start[p] < end[p])
            {
                throw new ArgumentException($"Partition {p}: offset {start[p]} is no longer held by the broker (its first offset is {low}).");
            }
            if (end[p] > high)
            {
                throw new ArgumentException($"Partition {p}: end offset {end[p]} is beyond the partition's end {high}.");
            }
            if (start[p] > end[p])
            {
                throw new ArgumentException($"Partition {p}: the range starts at {start[p]}, after its end {end[p]}.");
            }
        }
        var range = new ReplayRange(_topic, start, end);
        range.EnsureValid();
        return range;
    }

    private SortedDictionary<int, long> Bound(RangeBound bound, List<int> replayed, Dictionary<int, (long Low, long High)> watermarks, TimeBasis basis, bool isEnd)
    {
        var offsets = new SortedDictionary<int, long>();
        foreach (var p in replayed)
        {
            offsets[p] = bound switch
            {
                RangeBound.Start => watermarks[p].Low,
                RangeBound.End => watermarks[p].High,
                RangeBound.Offsets o when o.ByPartition.TryGetValue(p, out var offset) => offset,
                RangeBound.Offsets when isEnd => watermarks[p].High,
                RangeBound.Time t => OffsetForTime(p, t.Instant.ToUnixTimeMilliseconds(), watermarks[p], basis),
                _ => throw new ArgumentException($"Partition {p} has no offset in {bound}."),
            };
        }
        if (bound is RangeBound.Offsets end && isEnd && end.ByPartition.Keys.Any(p => !replayed.Contains(p)))
        {
            throw new ArgumentException("--to names a partition that --from does not replay.");
        }
        return offsets;
    }

    private long OffsetForTime(int partition, long targetMs, (long Low, long High) watermarks, TimeBasis basis)
    {
        var tp = new TopicPartition(_topic, partition);
        if (basis == TimeBasis.Kafka)
        {
            try
            {
                var answer = _consumer.OffsetsForTimes([new TopicPartitionTimestamp(tp, new Timestamp(targetMs, TimestampType.CreateTime))], s_timeout).Single();
                if (answer.Offset.Value >= 0)
                {
                    TimeMethod = "offsets_for_times";
                    return answer.Offset.Value;
                }
            }
            catch (KafkaException)
            {
                // Not supported by this broker: search.
            }
        }
        // -1 means either "no record at or after the target" or "not supported" (the embedded
        // broker); the search tells them apart.
        TimeMethod = "binary_search";
        var offset = TimestampSearch.FirstOffsetAtOrAfter(watermarks.Low, watermarks.High, targetMs, o => Probe(tp, o, watermarks.High, basis), out var probes);
        Probes += probes;
        return offset;
    }

    private RecordStamp? Probe(TopicPartition tp, long offset, long high, TimeBasis basis)
    {
        if (offset >= high)
        {
            return null;
        }
        _consumer.Assign(new TopicPartitionOffset(tp, offset));
        try
        {
            var deadline = DateTime.UtcNow + s_timeout;
            while (DateTime.UtcNow < deadline)
            {
                var record = _consumer.Consume(TimeSpan.FromMilliseconds(200));
                if (record is null)
                {
                    continue;
                }
                if (record.IsPartitionEOF)
                {
                    return null;
                }
                var kafkaMs = record.Message.Timestamp.UnixTimestampMs;
                var ts = basis == TimeBasis.Kafka ? kafkaMs : EventTime(record.Message.Value, kafkaMs);
                return new RecordStamp(record.Offset.Value, ts);
            }
            throw new TimeoutException($"No record of {tp} at or after offset {offset} arrived within {s_timeout.TotalSeconds:F0} s.");
        }
        finally
        {
            _consumer.Unassign();
        }
    }

    // A record that does not decode has no event time; its Kafka timestamp stands in (it is
    // dead-lettered by the replay either way).
    private long EventTime(byte[] value, long kafkaMs)
    {
        var decoded = _codec.Decode(value, kafkaMs);
        return decoded.Event switch
        {
            Core.Events.Interaction i => i.TsMs,
            Core.Events.ScoringRequest r => r.TsMs,
            _ => kafkaMs,
        };
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _consumer.Close();
        _consumer.Dispose();
    }
}

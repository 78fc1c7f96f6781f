using System.Globalization;
using Confluent.Kafka;
using Streaming.Core.Schemas;
using Streaming.Pipeline;
using Streaming.Pipeline.Processing;

namespace Streaming.Host.Chaos;

/// <summary>
/// Reads the scored and dead-letter topics from their beginning for the whole run, on its own
/// thread, outside any group. Reading as the records arrive (rather than at the end) matters: the
/// embedded broker drops a partition's oldest records past its retention, and a duplicate that
/// was dropped before it was counted would go unseen. Falling behind the retention fails loudly
/// (auto.offset.reset = error) instead of skipping.
/// </summary>
internal sealed class OutputCollector : IDisposable
{
    private readonly string _bootstrapServers;
    private readonly PipelineOptions _options;
    private readonly int _partitions;
    private readonly Thread _thread;
    private readonly CancellationTokenSource _stop = new();
    private readonly object _gate = new();
    private readonly Dictionary<TopicPartition, long> _positions = [];
    private readonly List<(string RequestId, byte[] Value)> _answers = [];
    private readonly List<DeadLetterRecord> _deadLetters = [];
    private Exception? _error;

    private OutputCollector(string bootstrapServers, PipelineOptions options, int partitions)
    {
        _bootstrapServers = bootstrapServers;
        _options = options;
        _partitions = partitions;
        _thread = new Thread(Run) { IsBackground = true, Name = "chaos-output-collector" };
        _thread.Start();
    }

    /// <summary>Starts reading <paramref name="options"/>' scored and dead-letter topics, <paramref name="partitions"/> partitions each.</summary>
    public static OutputCollector Start(string bootstrapServers, PipelineOptions options, int partitions) => new(bootstrapServers, options, partitions);

    /// <summary>Every ScoredRequest read: its request id and encoded value.</summary>
    public List<(string RequestId, byte[] Value)> Answers()
    {
        lock (_gate)
        {
            return [.. _answers];
        }
    }

    /// <summary>Every dead letter read.</summary>
    public List<DeadLetterRecord> DeadLetters()
    {
        lock (_gate)
        {
            return [.. _deadLetters];
        }
    }

    /// <summary>Waits until everything now on both topics has been read.</summary>
    public async Task WaitForEndAsync(TimeSpan timeout)
    {
        var ends = new Dictionary<TopicPartition, long>();
        foreach (var topic in new[] { _options.ScoredTopic, _options.DeadLetterTopic })
        {
            foreach (var (partition, end) in CatchUp.EndOffsets(_bootstrapServers, topic, _partitions))
            {
                ends[new TopicPartition(topic, partition)] = end;
            }
        }
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            lock (_gate)
            {
                if (_error is not null)
                {
                    throw new InvalidOperationException("The output collector failed: " + _error.Message, _error);
                }
                if (ends.All(e => e.Value == 0 || (_positions.TryGetValue(e.Key, out var position) && position >= e.Value)))
                {
                    return;
                }
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The output collector did not reach the end of the output topics.");
            }
            await Task.Delay(50).ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _thread.Join();
        _stop.Dispose();
    }

    private void Run()
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = _bootstrapServers,
            GroupId = "chaos-output-collector",
            EnableAutoCommit = false,
            AutoOffsetReset = AutoOffsetReset.Error,
        };
        var codec = new EventCodec();
        try
        {
            using var consumer = new ConsumerBuilder<byte[], byte[]>(config).Build();
            var assignment = new List<TopicPartitionOffset>();
            for (var p = 0; p < _partitions; p++)
            {
                assignment.Add(new TopicPartitionOffset(_options.ScoredTopic, p, Offset.Beginning));
                assignment.Add(new TopicPartitionOffset(_options.DeadLetterTopic, p, Offset.Beginning));
            }
            consumer.Assign(assignment);
            while (!_stop.IsCancellationRequested)
            {
                var record = consumer.Consume(TimeSpan.FromMilliseconds(100));
                if (record is null || record.IsPartitionEOF)
                {
                    continue;
                }
                lock (_gate)
                {
                    Add(record, codec);
                    _positions[record.TopicPartition] = record.Offset.Value + 1;
                }
            }
            consumer.Close();
        }
        catch (Exception ex) when (ex is KafkaException or InvalidOperationException)
        {
            lock (_gate)
            {
                _error = ex;
            }
        }
    }

    private void Add(ConsumeResult<byte[], byte[]> record, EventCodec codec)
    {
        if (record.Topic == _options.ScoredTopic)
        {
            var decoded = codec.Decode(record.Message.Value, -1);
            var requestId = decoded.ScoredRequest?.RequestId
                ?? throw new InvalidOperationException($"A scored record at {record.TopicPartitionOffset} does not decode: {decoded}");
            _answers.Add((requestId, record.Message.Value));
            return;
        }
        var headers = record.Message.Headers;
        _deadLetters.Add(new DeadLetterRecord(
            DeadLetter.Read(headers, DeadLetter.StatusHeader),
            DeadLetter.Read(headers, DeadLetter.ReasonHeader),
            DeadLetter.Read(headers, DeadLetter.TopicHeader),
            int.TryParse(DeadLetter.Read(headers, DeadLetter.PartitionHeader), NumberStyles.Integer, CultureInfo.InvariantCulture, out var p) ? p : -1,
            long.TryParse(DeadLetter.Read(headers, DeadLetter.OffsetHeader), NumberStyles.Integer, CultureInfo.InvariantCulture, out var o) ? o : -1,
            record.Message.Value ?? []));
    }
}

using Confluent.Kafka;
using Streaming.Kafka.Consumer;

namespace Streaming.Pipeline.Replay;

/// <summary>
/// The <see cref="IKafkaConsumerControl"/> of an <see cref="AssignedRangeSource"/>: its readers,
/// their progress, and their shutdown. Durable marks are recorded for progress but never committed
/// to Kafka: a replay leaves every group's committed offsets as they are.
/// </summary>
internal sealed class RangeConsumerControl : IKafkaConsumerControl
{
    private readonly Dictionary<TopicPartition, long> _durable = [];
    private readonly object _gate = new();
    private int _started;

    public RangeConsumerControl(string bootstrapServers, ReplayRange range, int buffer)
    {
        Readers = range.Start.OrderBy(kv => kv.Key)
            .Select(kv => new RangePartitionReader(bootstrapServers, new TopicPartition(range.Topic, kv.Key), kv.Value, range.End[kv.Key], buffer))
            .ToList();
        Completion = Task.WhenAll(Readers.Select(r => r.Done));
    }

    public IReadOnlyList<RangePartitionReader> Readers { get; }

    public Task Completion { get; }

    public void Start()
    {
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException("A replay source can be materialized once.");
        }
        foreach (var reader in Readers)
        {
            reader.Start();
        }
    }

    public void MarkDurable(TopicPartition partition, long nextOffset)
    {
        lock (_gate)
        {
            if (!_durable.TryGetValue(partition, out var current) || nextOffset > current)
            {
                _durable[partition] = nextOffset;
            }
        }
    }

    // The readers stop at their end on their own; a drain only has to wait for them.
    public async Task DrainAndShutdown(TimeSpan bound) => await Completion.WaitAsync(bound).ConfigureAwait(false);

    public Task Stop()
    {
        foreach (var reader in Readers)
        {
            reader.Stop();
        }
        return Completion;
    }

    public KafkaConsumerHealth Snapshot()
    {
        var state = !Completion.IsCompleted ? KafkaConsumerState.Running : Completion.IsFaulted ? KafkaConsumerState.Failed : KafkaConsumerState.Stopped;
        lock (_gate)
        {
            var partitions = Readers.Select(r =>
            {
                long? durable = _durable.TryGetValue(r.Partition, out var d) ? d : null;
                return new PartitionHealth(r.Partition, r.Position, r.End, r.End - r.Position, r.Records.Count, Paused: false, durable, CommittedNextOffset: null);
            }).ToList();
            return new KafkaConsumerHealth(state, partitions, LastCommit: null, DateTimeOffset.UtcNow);
        }
    }
}

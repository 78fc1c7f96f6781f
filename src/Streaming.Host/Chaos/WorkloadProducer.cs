using Confluent.Kafka;

namespace Streaming.Host.Chaos;

/// <summary>
/// Produces a <see cref="ChaosWorkload"/> to the input topic with flow control: it never lets
/// more than <c>window</c> records be produced but not yet durable in the pipeline, because the
/// embedded broker silently drops a partition's oldest records past ~5 MiB or 100,000 message sets.
/// Records every record's position from the delivery reports. Idempotent and acks=all, so records
/// of a partition land in production order, once.
/// </summary>
internal sealed class WorkloadProducer : IDisposable
{
    private readonly IProducer<byte[], byte[]> _producer;
    private readonly string _topic;
    private long _produced;
    private int _failures;
    private string? _firstFailure;

    public WorkloadProducer(string bootstrapServers, string topic)
    {
        _topic = topic;
        var config = new ProducerConfig
        {
            BootstrapServers = bootstrapServers,
            ClientId = "chaos-workload",
            Acks = Acks.All,
            EnableIdempotence = true,
            LingerMs = 5,
            Partitioner = Partitioner.Murmur2Random,
            MessageTimeoutMs = 120_000,
        };
        _producer = new ProducerBuilder<byte[], byte[]>(config).Build();
    }

    /// <summary>Records handed to the producer so far.</summary>
    public long Produced => Volatile.Read(ref _produced);

    /// <summary>
    /// Produces every record, at most <paramref name="recordsPerSecond"/> (a live stream rather than
    /// a backlog, so kill points fall while records are arriving); <paramref name="durableRecords"/>
    /// says how many are durable so far.
    /// </summary>
    public async Task<RecordPositions> ProduceAsync(
        ChaosWorkload workload, Func<long> durableRecords, long window, double recordsPerSecond, CancellationToken cancellation)
    {
        var records = workload.Records;
        var positions = new RecordPositions(records.Count);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var paused = TimeSpan.Zero;
        for (var i = 0; i < records.Count; i++)
        {
            if (i % 50 == 0)
            {
                // The schedule does not count time spent waiting on the window, so a restart's
                // backlog is not followed by a burst.
                var due = TimeSpan.FromSeconds(i / recordsPerSecond) + paused;
                if (due > clock.Elapsed)
                {
                    await Task.Delay(due - clock.Elapsed, cancellation).ConfigureAwait(false);
                }
            }
            if (i - durableRecords() >= window)
            {
                var waitStart = clock.Elapsed;
                while (i - durableRecords() >= window)
                {
                    await Task.Delay(10, cancellation).ConfigureAwait(false);
                }
                paused += clock.Elapsed - waitStart;
            }
            var index = i;
            var message = new Message<byte[], byte[]> { Key = ChaosWorkload.Key(records[i]), Value = records[i].Payload };
            while (true)
            {
                try
                {
                    _producer.Produce(_topic, message, report => OnDelivery(positions, index, report));
                    Volatile.Write(ref _produced, i + 1);
                    break;
                }
                catch (ProduceException<byte[], byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
                {
                    await Task.Delay(5, cancellation).ConfigureAwait(false);
                }
            }
        }
        while (_producer.Flush(TimeSpan.FromMilliseconds(100)) > 0)
        {
            cancellation.ThrowIfCancellationRequested();
        }
        if (Volatile.Read(ref _failures) > 0)
        {
            throw new InvalidOperationException($"{_failures} workload records were not delivered; first: {_firstFailure}");
        }
        return positions;
    }

    public void Dispose() => _producer.Dispose();

    private void OnDelivery(RecordPositions positions, int index, DeliveryReport<byte[], byte[]> report)
    {
        if (report.Error.IsError)
        {
            Interlocked.CompareExchange(ref _firstFailure, report.Error.ToString(), null);
            Interlocked.Increment(ref _failures);
            return;
        }
        positions.Delivered(index, report.Partition.Value, report.Offset.Value);
    }
}

using System.Threading.Channels;
using Confluent.Kafka;

namespace Streaming.Pipeline.Replay;

/// <summary>
/// Reads one partition of a replay range on a dedicated thread with an assigned consumer and
/// writes its records, in offset order, into a bounded channel; completes the channel once the
/// consumer's position reaches the end offset (or fails it with the error that stopped it).
/// </summary>
internal sealed class RangePartitionReader
{
    private readonly string _bootstrapServers;
    private readonly long _start;
    private readonly long _end;
    private readonly Channel<ConsumeResult<byte[], byte[]>> _channel;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _position;

    public RangePartitionReader(string bootstrapServers, TopicPartition partition, long start, long end, int buffer)
    {
        _bootstrapServers = bootstrapServers;
        Partition = partition;
        _start = start;
        _end = end;
        _position = start;
        _channel = Channel.CreateBounded<ConsumeResult<byte[], byte[]>>(new BoundedChannelOptions(buffer)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    public TopicPartition Partition { get; }

    public long StartOffset => _start;

    public long End => _end;

    /// <summary>The next offset the reader will hand over.</summary>
    public long Position => Volatile.Read(ref _position);

    public ChannelReader<ConsumeResult<byte[], byte[]>> Records => _channel.Reader;

    /// <summary>Completes when the reader's thread has finished; faults with its error.</summary>
    public Task Done => _done.Task;

    public void Start() => new Thread(Run) { IsBackground = true, Name = "replay-reader:" + Partition }.Start();

    public void Stop() => _stop.Cancel();

    private void Run()
    {
        Exception? failure = null;
        try
        {
            if (_start < _end)
            {
                ReadRange();
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Stopped: the sub-stream completes with what it has.
        }
        catch (Exception e)
        {
            failure = e;
        }
        _channel.Writer.TryComplete(failure);
        if (failure is null)
        {
            _done.TrySetResult();
        }
        else
        {
            _done.TrySetException(failure);
        }
    }

    private void ReadRange()
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = _bootstrapServers,
            // Required by the client, never used: an assign-only consumer joins no group and this one never commits.
            GroupId = "streaming-replay-reader",
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,
            EnablePartitionEof = true,
            // A start the broker no longer holds is an error, not a silent jump to another offset.
            AutoOffsetReset = AutoOffsetReset.Error,
            ClientId = "streaming-replay",
        };
        using var consumer = new ConsumerBuilder<byte[], byte[]>(config).Build();
        consumer.Assign(new TopicPartitionOffset(Partition, _start));
        try
        {
            while (Position < _end)
            {
                _stop.Token.ThrowIfCancellationRequested();
                var record = consumer.Consume(TimeSpan.FromMilliseconds(100));
                if (record is null)
                {
                    continue;
                }
                if (record.IsPartitionEOF)
                {
                    // The end was resolved against the high watermark, so only offsets with no
                    // record (markers, compaction) can lie between here and it.
                    if (record.Offset.Value >= _end)
                    {
                        Volatile.Write(ref _position, _end);
                    }
                    continue;
                }
                if (record.Offset.Value >= _end)
                {
                    break;
                }
                // Blocks while the sub-stream is behind: the bounded channel is the backpressure.
                if (!_channel.Writer.TryWrite(record))
                {
                    _channel.Writer.WriteAsync(record, _stop.Token).AsTask().GetAwaiter().GetResult();
                }
                Volatile.Write(ref _position, record.Offset.Value + 1);
            }
        }
        finally
        {
            consumer.Close();
        }
    }
}

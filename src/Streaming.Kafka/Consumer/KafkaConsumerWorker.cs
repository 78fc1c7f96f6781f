using System.Collections.Concurrent;
using System.Diagnostics;
using Akka.Event;
using Confluent.Kafka;

namespace Streaming.Kafka.Consumer;

/// <summary>
/// Owns one Confluent consumer on a dedicated thread (Consume blocks, and the rebalance
/// callbacks run inside it) and is the <see cref="IKafkaConsumerControl"/> of one materialized
/// <see cref="KafkaPartitionSource"/>.
/// </summary>
/// <remarks>
/// Thread ownership: the consumer, <c>_buffers</c>, <c>_paused</c>, <c>_state</c> and the commit
/// bookkeeping belong to the consumer thread. Other threads reach it only through
/// <see cref="PartitionBuffer"/> (records out), <see cref="DurableOffsetLedger"/> (marks in),
/// <c>_resumeRequests</c> and <c>_shutdown</c>; it reaches the stage only through
/// <see cref="StageCallbacks"/>.
/// </remarks>
internal sealed partial class KafkaConsumerWorker : IKafkaConsumerControl
{
    private readonly KafkaSourceSettings _settings;
    private readonly IPartitionStartOffsets _startOffsets;
    private readonly DurableOffsetLedger _ledger = new();
    private readonly ConcurrentQueue<PartitionBuffer> _resumeRequests = new();
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Dictionary<TopicPartition, PartitionBuffer> _buffers = [];
    private readonly HashSet<TopicPartition> _paused = [];
    private readonly List<TopicPartitionOffset> _commitScratch = [];
    private readonly Stopwatch _sinceCommit = new();
    private readonly Stopwatch _sinceHealth = new();
    private readonly int _pollTimeoutMs;
    private StageCallbacks? _stage;
    private volatile bool _stageGone;
    private ILoggingAdapter _log = NoLogger.Instance;
    private ShutdownRequest? _shutdown;
    private Exception? _failure;
    private KafkaConsumerState _state = KafkaConsumerState.Starting;
    private CommitInfo? _lastCommit;
    private KafkaConsumerHealth _health;
    private int _started;

    public KafkaConsumerWorker(KafkaSourceSettings settings, IPartitionStartOffsets startOffsets)
    {
        _settings = settings;
        _startOffsets = startOffsets;
        _pollTimeoutMs = (int)Math.Ceiling(settings.PollTimeout.TotalMilliseconds);
        _health = new KafkaConsumerHealth(KafkaConsumerState.Starting, [], null, DateTimeOffset.UtcNow);
    }

    public Task Completion => _completion.Task;

    /// <summary>Stage: starts the consumer thread; called once from the stage's PreStart.</summary>
    public void Start(StageCallbacks stage, ILoggingAdapter log)
    {
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException("The consumer worker was already started.");
        }

        _stage = stage;
        _log = log;
        var thread = new Thread(Run)
        {
            IsBackground = true,
            Name = "kafka-consumer:" + _settings.GroupId,
        };
        thread.Start();
    }

    /// <summary>Stage: the stage stopped; its callbacks must not be invoked any more.</summary>
    public void DetachStage() => _stageGone = true;

    public void MarkDurable(TopicPartition partition, long nextOffset)
    {
        ArgumentNullException.ThrowIfNull(partition);
        ArgumentOutOfRangeException.ThrowIfNegative(nextOffset);
        _ledger.Mark(partition, nextOffset);
    }

    public Task DrainAndShutdown(TimeSpan bound)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bound, TimeSpan.Zero);
        RequestShutdown(new ShutdownRequest(bound, null));
        return _completion.Task;
    }

    public Task Stop()
    {
        RequestShutdown(new ShutdownRequest(TimeSpan.Zero, null));
        return _completion.Task;
    }

    public KafkaConsumerHealth Snapshot() => Volatile.Read(ref _health);

    /// <summary>Sub-stream: its buffer drained to the resume threshold.</summary>
    public void RequestResume(PartitionBuffer buffer) => _resumeRequests.Enqueue(buffer);

    /// <summary>
    /// Sub-stream: it was cancelled while its partition is still assigned. Its records would
    /// never be delivered again, so the whole source fails rather than stall silently; a restart
    /// re-reads from the committed (durable) offsets.
    /// </summary>
    public void ReportAbandoned(TopicPartition partition, Exception? cause) =>
        RequestShutdown(new ShutdownRequest(TimeSpan.Zero, new InvalidOperationException(
            $"The sub-stream of {partition} was cancelled while the partition is assigned; its records would never be delivered.",
            cause)));

    private void RequestShutdown(ShutdownRequest request) =>
        Interlocked.CompareExchange(ref _shutdown, request, null);

    private void Run()
    {
        Exception? failure = null;
        IConsumer<byte[], byte[]>? consumer = null;
        try
        {
            consumer = BuildConsumer();
            consumer.Subscribe(_settings.Topics);
            _state = KafkaConsumerState.Running;
            _sinceCommit.Start();
            PublishHealth(consumer);
            var request = ConsumeUntilShutdown(consumer);
            failure = request.Failure;
            ShutDown(consumer, request);
        }
        catch (Exception e)
        {
            failure ??= e;
            _log.Error(e, "Kafka consumer of group {0} failed; closing it.", _settings.GroupId);
            CloseAllPartitions(e);
            try
            {
                consumer?.Close();
            }
            catch (Exception closeError)
            {
                _log.Warning("Closing the failed consumer of group {0} failed too: {1}", _settings.GroupId, closeError.Message);
            }
        }
        finally
        {
            consumer?.Dispose();
            _state = failure is null ? KafkaConsumerState.Stopped : KafkaConsumerState.Failed;
            PublishHealth(null);
            InvokeStage(s => s.Stopped(failure));
            if (failure is null)
            {
                _completion.TrySetResult();
            }
            else
            {
                _completion.TrySetException(failure);
            }
        }
    }

    private ShutdownRequest ConsumeUntilShutdown(IConsumer<byte[], byte[]> consumer)
    {
        while (true)
        {
            if (_failure is { } failure)
            {
                return new ShutdownRequest(TimeSpan.Zero, failure);
            }

            if (Volatile.Read(ref _shutdown) is { } request)
            {
                return request;
            }

            ApplyResumes(consumer);
            if (_ledger.PendingRecords >= _settings.CommitBatch || _sinceCommit.Elapsed >= _settings.CommitInterval)
            {
                Commit(consumer, null);
            }

            if (_sinceHealth.Elapsed >= _settings.HealthInterval)
            {
                PublishHealth(consumer);
            }

            ConsumeResult<byte[], byte[]>? record;
            try
            {
                record = consumer.Consume(_pollTimeoutMs);
            }
            catch (ConsumeException e) when (!e.Error.IsFatal)
            {
                _log.Warning("Kafka consume error in group {0} (continuing): {1}", _settings.GroupId, e.Error);
                continue;
            }

            if (record is null || record.IsPartitionEOF)
            {
                continue;
            }

            Route(consumer, record);
        }
    }

    private void Route(IConsumer<byte[], byte[]> consumer, ConsumeResult<byte[], byte[]> record)
    {
        var partition = record.TopicPartition;
        if (!_buffers.TryGetValue(partition, out var buffer))
        {
            return;
        }

        if (buffer.Add(record) == BufferAddOutcome.BufferedPauseNow && _paused.Add(partition))
        {
            // Pausing also drops what librdkafka prefetched for the partition; Resume refetches
            // from the position after the last record consumed, so nothing is skipped.
            consumer.Pause([partition]);
        }
    }

    private void ApplyResumes(IConsumer<byte[], byte[]> consumer)
    {
        while (_resumeRequests.TryDequeue(out var buffer))
        {
            // A request from a buffer that was closed since (revoked, then perhaps re-assigned)
            // must not resume the partition's new buffer.
            var partition = buffer.Partition;
            if (_buffers.TryGetValue(partition, out var current) && ReferenceEquals(current, buffer) && _paused.Remove(partition))
            {
                consumer.Resume([partition]);
            }
        }
    }

    /// <summary>Graceful part of a drain or stop: nothing is emitted any more; wait, commit, leave the group.</summary>
    private void ShutDown(IConsumer<byte[], byte[]> consumer, ShutdownRequest request)
    {
        _state = KafkaConsumerState.Stopping;
        var assignment = consumer.Assignment;
        if (assignment.Count > 0)
        {
            // Stop fetching while in-flight work settles.
            consumer.Pause(assignment);
        }

        var targets = CloseAllPartitions(request.Failure);
        PublishHealth(consumer);
        if (request.Failure is null && request.Bound > TimeSpan.Zero && targets.Count > 0)
        {
            var behind = _ledger.WaitUntilDurable(targets, request.Bound);
            if (behind.Count > 0)
            {
                _log.Warning(
                    "Shutdown of group {0}: after {1} these partitions were still not durable up to what they emitted: {2}",
                    _settings.GroupId, request.Bound, string.Join(", ", behind));
            }
        }

        Commit(consumer, null);
        // Close leaves the group at once (no session timeout for the others to wait out); the
        // revoke callback it triggers finds nothing left to emit or commit.
        consumer.Close();
        _log.Info("Kafka consumer of group {0} closed ({1}).", _settings.GroupId, request.Failure is null ? "shutdown" : "failure");
    }

    /// <summary>Closes every partition's sub-stream; returns what each had emitted.</summary>
    private List<DurableOffset> CloseAllPartitions(Exception? failure)
    {
        var targets = new List<DurableOffset>(_buffers.Count);
        var released = new List<TopicPartition>(_buffers.Count);
        foreach (var (partition, buffer) in _buffers)
        {
            var emitted = buffer.Close(failure);
            if (emitted >= 0)
            {
                targets.Add(new DurableOffset(partition, emitted));
            }

            released.Add(partition);
        }

        _buffers.Clear();
        _paused.Clear();
        if (released.Count > 0)
        {
            InvokeStage(s => s.Released(released));
        }

        return targets;
    }

    /// <summary>Commits the durable-but-uncommitted offsets (all, or those of <paramref name="only"/>); a failed commit is logged and retried with the next.</summary>
    private void Commit(IConsumer<byte[], byte[]> consumer, IReadOnlyCollection<TopicPartition>? only)
    {
        if (only is null)
        {
            _sinceCommit.Restart();
        }

        _commitScratch.Clear();
        _ledger.CollectUncommitted(only, _commitScratch);
        if (_commitScratch.Count == 0)
        {
            return;
        }

        string? error = null;
        try
        {
            consumer.Commit(_commitScratch);
            foreach (var offset in _commitScratch)
            {
                _ledger.RecordCommitted(offset.TopicPartition, offset.Offset.Value);
            }
        }
        catch (TopicPartitionOffsetException e)
        {
            foreach (var result in e.Results)
            {
                if (result.Error.Code == ErrorCode.NoError)
                {
                    _ledger.RecordCommitted(result.TopicPartition, result.Offset.Value);
                }
                else
                {
                    error ??= $"{result.TopicPartition}: {result.Error}";
                }
            }
        }
        catch (KafkaException e) when (!e.Error.IsFatal)
        {
            error = e.Error.ToString();
        }

        _lastCommit = new CommitInfo(DateTimeOffset.UtcNow, _commitScratch.Count, error);
        if (error is not null)
        {
            _log.Warning("Offset commit of group {0} failed (retried with the next commit): {1}", _settings.GroupId, error);
        }
    }

    private void InvokeStage(Action<StageCallbacks> invoke)
    {
        if (!_stageGone && _stage is { } stage)
        {
            invoke(stage);
        }
    }

    private sealed record ShutdownRequest(TimeSpan Bound, Exception? Failure);
}

using System.Diagnostics;
using Confluent.Kafka;

namespace Streaming.Kafka.Consumer;

/// <summary>What the consumer thread must do after <see cref="PartitionBuffer.Add"/>.</summary>
internal enum BufferAddOutcome
{
    /// <summary>Buffered; keep fetching.</summary>
    Buffered,

    /// <summary>Buffered and the pause threshold is reached: pause the partition now.</summary>
    BufferedPauseNow,

    /// <summary>The partition is closed; the record was dropped (it was never emitted nor committed).</summary>
    Dropped,
}

/// <summary>What the sub-stream must do after <see cref="PartitionBuffer.TryTake"/>.</summary>
internal enum BufferTakeOutcome
{
    /// <summary>A record was taken: push it.</summary>
    Record,

    /// <summary>Nothing buffered; the buffer wakes the sub-stream when a record arrives.</summary>
    Empty,

    /// <summary>The partition is closed and drained: complete the sub-stream.</summary>
    Completed,

    /// <summary>The partition is closed by a failure: fail the sub-stream.</summary>
    Failed,
}

/// <summary>
/// Hand-off of one partition's records from the consumer thread (producer side) to the
/// partition's sub-stream (consumer side). Pause and resume are decided here, under the lock,
/// and acted on by the caller after it: the consumer thread pauses the partition when
/// <see cref="Add"/> reaches the pause threshold, the sub-stream asks for a resume when
/// <see cref="TryTake"/> drains the buffer to the resume threshold.
/// </summary>
/// <remarks>
/// Invariants (under <c>_gate</c>): the buffer holds at most the pause threshold plus the
/// records already fetched when the pause took effect; a closed buffer is empty and stays so;
/// <c>_waiting</c> implies the buffer was empty when the sub-stream last looked. Records leave
/// in offset order, and <see cref="EmittedNextOffset"/> is one past the last record taken.
/// </remarks>
internal sealed class PartitionBuffer
{
    private readonly object _gate = new();
    private readonly Queue<ConsumeResult<byte[], byte[]>> _records;
    private readonly int _pauseThreshold;
    private readonly int _resumeThreshold;
    private Action? _wake;
    private bool _attached;
    private bool _waiting;
    private bool _pauseRequested;
    private bool _closed;
    private Exception? _failure;
    private long _emittedNextOffset = -1;

    public PartitionBuffer(TopicPartition partition, int pauseThreshold, int resumeThreshold)
    {
        Debug.Assert(resumeThreshold < pauseThreshold, "thresholds need a gap");
        Partition = partition;
        _pauseThreshold = pauseThreshold;
        _resumeThreshold = resumeThreshold;
        _records = new Queue<ConsumeResult<byte[], byte[]>>(Math.Min(pauseThreshold, 256));
    }

    public TopicPartition Partition { get; }

    /// <summary>Records buffered now (a racy read for health reports).</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _records.Count;
            }
        }
    }

    /// <summary>One past the offset of the last record the sub-stream took, or -1 when none.</summary>
    public long EmittedNextOffset
    {
        get
        {
            lock (_gate)
            {
                return _emittedNextOffset;
            }
        }
    }

    /// <summary>Consumer thread: buffers a fetched record.</summary>
    public BufferAddOutcome Add(ConsumeResult<byte[], byte[]> record)
    {
        Action? wake = null;
        BufferAddOutcome outcome;
        lock (_gate)
        {
            if (_closed)
            {
                return BufferAddOutcome.Dropped;
            }

            _records.Enqueue(record);
            if (_waiting)
            {
                _waiting = false;
                wake = _wake;
            }

            outcome = BufferAddOutcome.Buffered;
            if (!_pauseRequested && _records.Count >= _pauseThreshold)
            {
                _pauseRequested = true;
                outcome = BufferAddOutcome.BufferedPauseNow;
            }

            AssertInvariants();
        }

        wake?.Invoke();
        return outcome;
    }

    /// <summary>
    /// Consumer thread: closes the partition (revoked, lost or shutting down). Buffered records
    /// are dropped, the sub-stream completes (or fails with <paramref name="failure"/>) at once.
    /// </summary>
    /// <returns>One past the last record the sub-stream took, or -1 when it took none.</returns>
    public long Close(Exception? failure)
    {
        Action? wake;
        long emitted;
        lock (_gate)
        {
            emitted = _emittedNextOffset;
            if (_closed)
            {
                return emitted;
            }

            _closed = true;
            _failure = failure;
            _records.Clear();
            _waiting = false;
            wake = _wake;
            AssertInvariants();
        }

        wake?.Invoke();
        return emitted;
    }

    /// <summary>Sub-stream: registers its wake-up callback; false when another materialization took the partition.</summary>
    public bool TryAttach(Action wake)
    {
        lock (_gate)
        {
            if (_attached)
            {
                return false;
            }

            _attached = true;
            _wake = wake;
            return true;
        }
    }

    /// <summary>Sub-stream: stops wake-ups (the sub-stream stopped).</summary>
    /// <returns>True when the partition was still open, i.e. the sub-stream left early.</returns>
    public bool Detach()
    {
        lock (_gate)
        {
            _wake = null;
            _waiting = false;
            return !_closed;
        }
    }

    /// <summary>Sub-stream: takes the next record when one is buffered.</summary>
    /// <param name="record">The record when the outcome is <see cref="BufferTakeOutcome.Record"/>.</param>
    /// <param name="resume">True when the caller must ask the consumer thread to resume the partition.</param>
    /// <param name="failure">The failure when the outcome is <see cref="BufferTakeOutcome.Failed"/>.</param>
    public BufferTakeOutcome TryTake(out ConsumeResult<byte[], byte[]>? record, out bool resume, out Exception? failure)
    {
        resume = false;
        failure = null;
        lock (_gate)
        {
            if (_records.TryDequeue(out record))
            {
                _emittedNextOffset = record.Offset.Value + 1;
                if (_pauseRequested && _records.Count <= _resumeThreshold)
                {
                    _pauseRequested = false;
                    resume = true;
                }

                AssertInvariants();
                return BufferTakeOutcome.Record;
            }

            if (_closed)
            {
                failure = _failure;
                return failure is null ? BufferTakeOutcome.Completed : BufferTakeOutcome.Failed;
            }

            _waiting = true;
            return BufferTakeOutcome.Empty;
        }
    }

    /// <summary>Sub-stream: whether the partition is closed (and so drained), with its failure if any.</summary>
    public bool IsClosed(out Exception? failure)
    {
        lock (_gate)
        {
            failure = _failure;
            return _closed;
        }
    }

    [Conditional("DEBUG")]
    private void AssertInvariants()
    {
        Debug.Assert(!_closed || _records.Count == 0, "a closed buffer is empty");
        Debug.Assert(!_waiting || _records.Count == 0, "a waiting sub-stream is woken by the add that ends the wait");
    }
}

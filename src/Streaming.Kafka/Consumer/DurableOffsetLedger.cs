using System.Diagnostics;
using Confluent.Kafka;

namespace Streaming.Kafka.Consumer;

/// <summary>
/// The highest durable next-offset per owned partition (marked from any thread) and the highest
/// committed one (recorded by the consumer thread). The consumer thread collects what is durable
/// but not committed, commits it and records the result; revoke and shutdown wait here, bounded,
/// for the pipeline's marks to catch up with what it was given.
/// </summary>
/// <remarks>
/// Invariants (under <c>_gate</c>): only tracked (owned) partitions have entries, so a late mark
/// for a partition this consumer gave away is ignored; per entry, durable only grows and
/// committed never exceeds durable.
/// </remarks>
internal sealed class DurableOffsetLedger
{
    private readonly object _gate = new();
    private readonly Dictionary<TopicPartition, Entry> _entries = [];
    private long _pendingRecords;
    private int _waiters;

    /// <summary>Records made durable since the last collection (a racy read is fine: it only triggers a commit early).</summary>
    public long PendingRecords => Volatile.Read(ref _pendingRecords);

    /// <summary>Starts accepting marks for a newly assigned partition.</summary>
    public void Track(TopicPartition partition)
    {
        lock (_gate)
        {
            _entries.TryAdd(partition, new Entry());
        }
    }

    /// <summary>Forgets a partition that was revoked or lost.</summary>
    public void Untrack(TopicPartition partition)
    {
        lock (_gate)
        {
            _entries.Remove(partition);
        }
    }

    /// <summary>Raises the durable mark of <paramref name="partition"/>; lower marks and unowned partitions are ignored.</summary>
    /// <returns>True when the mark moved forward.</returns>
    public bool Mark(TopicPartition partition, long nextOffset)
    {
        lock (_gate)
        {
            if (!_entries.TryGetValue(partition, out var entry) || nextOffset <= entry.Durable)
            {
                return false;
            }

            _pendingRecords += entry.Durable < 0 ? 1 : nextOffset - entry.Durable;
            entry.Durable = nextOffset;
            if (_waiters > 0)
            {
                Monitor.PulseAll(_gate);
            }

            AssertInvariants();
            return true;
        }
    }

    /// <summary>Appends the durable-but-uncommitted offsets (all, or those of <paramref name="only"/>) to <paramref name="into"/>.</summary>
    public void CollectUncommitted(IReadOnlyCollection<TopicPartition>? only, List<TopicPartitionOffset> into)
    {
        lock (_gate)
        {
            foreach (var (partition, entry) in _entries)
            {
                if (entry.Durable > entry.Committed && (only is null || only.Contains(partition)))
                {
                    into.Add(new TopicPartitionOffset(partition, entry.Durable));
                }
            }

            if (only is null)
            {
                _pendingRecords = 0;
            }
        }
    }

    /// <summary>Records a successful commit of <paramref name="partition"/> at <paramref name="nextOffset"/>.</summary>
    public void RecordCommitted(TopicPartition partition, long nextOffset)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(partition, out var entry) && nextOffset > entry.Committed)
            {
                entry.Committed = nextOffset;
            }

            AssertInvariants();
        }
    }

    /// <summary>The durable and committed marks of <paramref name="partition"/> (-1 when none).</summary>
    public (long Durable, long Committed) Read(TopicPartition partition)
    {
        lock (_gate)
        {
            return _entries.TryGetValue(partition, out var entry) ? (entry.Durable, entry.Committed) : (-1, -1);
        }
    }

    /// <summary>
    /// Blocks until every partition in <paramref name="targets"/> is durable up to its target
    /// next-offset (or is no longer tracked), or until <paramref name="timeout"/> passes.
    /// </summary>
    /// <returns>The partitions still short of their target; empty when all caught up.</returns>
    public List<TopicPartition> WaitUntilDurable(IReadOnlyList<DurableOffset> targets, TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        var behind = new List<TopicPartition>();
        lock (_gate)
        {
            while (true)
            {
                behind.Clear();
                foreach (var target in targets)
                {
                    if (_entries.TryGetValue(target.Partition, out var entry) && entry.Durable < target.NextOffset)
                    {
                        behind.Add(target.Partition);
                    }
                }

                var remaining = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline);
                if (behind.Count == 0 || remaining <= TimeSpan.Zero)
                {
                    return behind;
                }

                _waiters++;
                try
                {
                    Monitor.Wait(_gate, remaining);
                }
                finally
                {
                    _waiters--;
                }
            }
        }
    }

    [Conditional("DEBUG")]
    private void AssertInvariants()
    {
        foreach (var entry in _entries.Values)
        {
            Debug.Assert(entry.Committed <= entry.Durable, "only durable offsets are committed");
        }
    }

    private sealed class Entry
    {
        public long Durable = -1;
        public long Committed = -1;
    }
}

using Akka.Event;
using Akka.Streams.Dsl;
using Confluent.Kafka;
using Error = Confluent.Kafka.Error;
using LogLevel = Akka.Event.LogLevel;
using LogMessage = Confluent.Kafka.LogMessage;

namespace Streaming.Kafka.Consumer;

/// <summary>The consumer's construction and rebalance callbacks; all run on the consumer thread.</summary>
internal sealed partial class KafkaConsumerWorker
{
    private IConsumer<byte[], byte[]> BuildConsumer() =>
        new ConsumerBuilder<byte[], byte[]>(_settings.ToConsumerConfig())
            .SetPartitionsAssignedHandler(OnAssigned)
            .SetPartitionsRevokedHandler((consumer, revoked) => Release(consumer, revoked.ConvertAll(p => p.TopicPartition), lost: false))
            .SetPartitionsLostHandler((consumer, lost) => Release(consumer, lost.ConvertAll(p => p.TopicPartition), lost: true))
            .SetErrorHandler(OnError)
            .SetLogHandler(OnLog)
            .Build();

    /// <summary>
    /// Starts each new partition where <see cref="IPartitionStartOffsets"/> says (the state
    /// store's next offset), or at the committed offset when it says null. Confluent applies the
    /// returned offsets with IncrementalAssign (cooperative) or Assign (eager).
    /// </summary>
    private IEnumerable<TopicPartitionOffset> OnAssigned(IConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions)
    {
        if (partitions.Count == 0)
        {
            // Cooperative rebalances that move nothing to this member.
            return [];
        }

        var offsets = new List<TopicPartitionOffset>(partitions.Count);
        var sources = new List<PartitionSource>(partitions.Count);
        foreach (var partition in partitions)
        {
            long? start = null;
            try
            {
                start = _startOffsets.GetStartOffset(partition);
            }
            catch (Exception e)
            {
                // Starting anywhere else could skip or replay state; fail the source instead.
                _failure ??= new InvalidOperationException($"Could not get the start offset of {partition}.", e);
            }

            var buffer = new PartitionBuffer(partition, _settings.PauseThreshold, _settings.ResumeThreshold);
            _buffers[partition] = buffer;
            _ledger.Track(partition);
            offsets.Add(new TopicPartitionOffset(partition, start is { } offset ? new Offset(offset) : Offset.Unset));
            sources.Add(new PartitionSource(partition, Source.FromGraph(new PartitionRecordSource(buffer, this))));
        }

        if (_failure is null)
        {
            InvokeStage(s => s.Assigned(sources));
        }

        _log.Info("Group {0} assigned {1}.", _settings.GroupId, string.Join(", ", offsets));
        PublishHealth(consumer);
        return offsets;
    }

    /// <summary>
    /// Revoked (lost = false): stop emitting, complete the sub-streams, give the pipeline up to
    /// <see cref="KafkaSourceSettings.RevokeTimeout"/> to mark durable what it received, commit,
    /// then return so the rebalance proceeds. Lost: another member may already own the
    /// partitions, so drop them without committing.
    /// </summary>
    private void Release(IConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions, bool lost)
    {
        if (partitions.Count == 0)
        {
            return;
        }

        var targets = new List<DurableOffset>(partitions.Count);
        foreach (var partition in partitions)
        {
            if (_buffers.Remove(partition, out var buffer))
            {
                var emitted = buffer.Close(null);
                if (emitted >= 0)
                {
                    targets.Add(new DurableOffset(partition, emitted));
                }
            }

            _paused.Remove(partition);
        }

        InvokeStage(s => s.Released(partitions));
        if (!lost)
        {
            if (_state == KafkaConsumerState.Running && targets.Count > 0)
            {
                var behind = _ledger.WaitUntilDurable(targets, _settings.RevokeTimeout);
                if (behind.Count > 0)
                {
                    _log.Warning(
                        "Revoke in group {0}: after {1} these partitions were still not durable up to what they emitted; committing what is: {2}",
                        _settings.GroupId, _settings.RevokeTimeout, string.Join(", ", behind));
                }
            }

            Commit(consumer, partitions);
        }

        foreach (var partition in partitions)
        {
            _ledger.Untrack(partition);
        }

        _log.Info("Group {0} {1} {2}.", _settings.GroupId, lost ? "lost" : "revoked", string.Join(", ", partitions));
        PublishHealth(consumer);
    }

    private void OnError(IConsumer<byte[], byte[]> consumer, Error error)
    {
        if (error.IsFatal)
        {
            _failure ??= new KafkaException(error);
            return;
        }

        // Transport errors while a broker is down are expected and retried by librdkafka.
        _log.Warning("Kafka consumer of group {0}: {1}", _settings.GroupId, error);
    }

    private void OnLog(IConsumer<byte[], byte[]> consumer, LogMessage message)
    {
        var level = message.Level switch
        {
            <= SyslogLevel.Error => LogLevel.ErrorLevel,
            SyslogLevel.Warning => LogLevel.WarningLevel,
            SyslogLevel.Notice or SyslogLevel.Info => LogLevel.InfoLevel,
            _ => LogLevel.DebugLevel,
        };
        if (_log.IsEnabled(level))
        {
            _log.Log(level, null, $"librdkafka {message.Name} {message.Facility}: {message.Message}");
        }
    }

    private void PublishHealth(IConsumer<byte[], byte[]>? consumer)
    {
        var partitions = new List<PartitionHealth>(_buffers.Count);
        foreach (var (partition, buffer) in _buffers)
        {
            long? position = null;
            long? highWatermark = null;
            if (consumer is not null)
            {
                try
                {
                    var offset = consumer.Position(partition);
                    position = offset == Offset.Unset ? null : offset.Value;
                    var high = consumer.GetWatermarkOffsets(partition).High;
                    highWatermark = high == Offset.Unset ? null : high.Value;
                }
                catch (KafkaException)
                {
                    // Not known yet (no fetch so far); leave unknown.
                }
            }

            var (durable, committed) = _ledger.Read(partition);
            partitions.Add(new PartitionHealth(
                partition,
                position,
                highWatermark,
                position is { } p && highWatermark is { } h ? Math.Max(0, h - p) : null,
                buffer.Count,
                _paused.Contains(partition),
                durable >= 0 ? durable : null,
                committed >= 0 ? committed : null));
        }

        partitions.Sort(static (a, b) =>
        {
            var byTopic = string.CompareOrdinal(a.Partition.Topic, b.Partition.Topic);
            return byTopic != 0 ? byTopic : a.Partition.Partition.Value.CompareTo(b.Partition.Partition.Value);
        });
        Volatile.Write(ref _health, new KafkaConsumerHealth(_state, partitions, _lastCommit, DateTimeOffset.UtcNow));
        _sinceHealth.Restart();
    }
}

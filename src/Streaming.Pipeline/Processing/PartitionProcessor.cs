using System.Runtime.CompilerServices;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Streaming.Core.Events;
using Streaming.Core.Features;
using Streaming.Core.Schemas;
using Streaming.Kafka.Producer;
using Streaming.Pipeline.Scoring;
using Streaming.Pipeline.Training;
using Streaming.State;

namespace Streaming.Pipeline.Processing;

/// <summary>
/// Everything one partition does to its records, in offset order: decode and validate, apply
/// interactions to user state, score requests, dead-letter what cannot be used, and cut the
/// result into a <see cref="Checkpoint"/>. Single-threaded by construction: the partition's
/// sub-stream calls it from one stage, so it owns its cache without locks.
/// </summary>
internal sealed class PartitionProcessor
{
    private readonly TopicPartition _partition;
    private readonly PipelineOptions _options;
    private readonly FeatureEngine _engine;
    private readonly IRequestScorer _scorer;
    private readonly KafkaOutputProducer _producer;
    private readonly PipelineMetrics _metrics;
    private readonly ILogger _logger;
    private readonly UserCache _cache;
    private readonly EventCodec _codec;
    private readonly ISampleLog? _samples;

    // The next offset of the last checkpoint cut (the store's, before the first). Checkpoints
    // commit in the order they are cut, each a compare-and-set against its predecessor's offset,
    // which fences a stale owner of the partition out.
    private long? _cutOffset;

    // The next offset the in-memory state expects: records below it were already applied.
    private long _nextOffset;

    public PartitionProcessor(
        TopicPartition partition,
        PipelineOptions options,
        FeatureEngine engine,
        IRequestScorer scorer,
        IStateStore store,
        KafkaOutputProducer producer,
        PipelineMetrics metrics,
        ILogger logger,
        ISampleLog? samples)
    {
        _samples = samples;
        _partition = partition;
        _options = options;
        _engine = engine;
        _scorer = scorer;
        _producer = producer;
        _metrics = metrics;
        _logger = logger;
        _cache = new UserCache(store, engine, options.UserCacheCapacity);
        _codec = new EventCodec(new EventCodecOptions { MaxPayloadBytes = options.MaxPayloadBytes });
        _cutOffset = store.ReadOffset(partition.Topic, partition.Partition.Value);
        _nextOffset = _cutOffset ?? 0;
    }

    /// <summary>Processes a run of this partition's records and returns the checkpoint that covers them.</summary>
    public Checkpoint Process(IReadOnlyList<ConsumeResult<byte[], byte[]>> records)
    {
        var outputs = new DeliveryBarrier();
        var samples = _samples is null ? null : new SampleBatch(_samples, _samples.Open(_partition, outputs), _engine.Options, _codec);
        var scores = new List<PendingOutput>();
        long applied = 0, scored = 0, deadLettered = 0, alreadyApplied = 0;
        foreach (var record in records)
        {
            if (record.Offset.Value < _nextOffset)
            {
                // Redelivered below what the state already covers (a seek after a rebalance).
                alreadyApplied++;
                continue;
            }
            if (record.Offset.Value > _nextOffset)
            {
                ReportGap(record.Offset.Value);
            }
            _nextOffset = record.Offset.Value + 1;
            var decoded = _codec.Decode(record.Message.Value, record.Message.Timestamp.UnixTimestampMs);
            switch (decoded.Status)
            {
                case DecodeStatus.Ok when decoded.Event is Interaction interaction:
                    if (Apply(interaction, record.Offset.Value))
                    {
                        // The outcome is the record exactly as applied; a label needs nothing else.
                        samples?.Outcome(interaction.UserId, record.Message.Value);
                        applied++;
                    }
                    else
                    {
                        alreadyApplied++;
                    }
                    break;
                case DecodeStatus.Ok when decoded.Event is ScoringRequest request:
                    var logInputs = samples?.Includes(request) ?? false;
                    scores.Add(new PendingOutput(record.Message.Key, _scorer.Begin(_cache.Get(request.UserId).State, request, record.Partition.Value, record.Offset.Value, logInputs)));
                    scored++;
                    break;
                case DecodeStatus.Ok:
                    DeadLetterRecord(record, "UnexpectedType", $"{decoded.Event?.GetType().Name} does not belong on the input topic", outputs);
                    deadLettered++;
                    break;
                default:
                    DeadLetterRecord(record, decoded.Status.ToString(), decoded.Reason, outputs);
                    deadLettered++;
                    break;
            }
        }
        _metrics.AddApplied(applied);
        _metrics.AddScored(scored);
        _metrics.AddDeadLettered(deadLettered);
        _metrics.AddAlreadyApplied(alreadyApplied);
        return CutCheckpoint(scores, outputs, records.Count, samples);
    }

    /// <summary>Records that <paramref name="checkpoint"/> is durable, so its users may leave the cache.</summary>
    public void Durable(Checkpoint checkpoint) => _cache.Durable(checkpoint.Users);

    // Records between the state's next offset and this one were never delivered: the broker
    // deleted them (retention) before they were consumed, or they were transaction markers.
    // Either way the state cannot contain them; say so loudly rather than move on silently.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ReportGap(long offset)
    {
        _metrics.AddSkippedOffsets(offset - _nextOffset);
        _logger.LogError("{Partition}: offsets {From}..{To} were never delivered (deleted by retention before they were consumed?); the state does not reflect them.",
            _partition, _nextOffset, offset - 1);
    }

    private bool Apply(Interaction interaction, long offset)
    {
        var user = _cache.Get(interaction.UserId);
        if (offset <= user.AppliedOffset)
        {
            return false;
        }
        _engine.Apply(user.State, interaction);
        user.AppliedOffset = offset;
        _cache.MarkDirty(user);
        return true;
    }

    private void DeadLetterRecord(ConsumeResult<byte[], byte[]> record, string status, string reason, DeliveryBarrier outputs)
    {
        if (_logger.IsEnabled(LogLevel.Warning))
        {
            _logger.LogWarning("Dead-lettered {Topic}[{Partition}]@{Offset}: {Status}: {Reason}",
                record.Topic, record.Partition.Value, record.Offset.Value, status, reason);
        }
        var headers = DeadLetter.Headers(record.TopicPartitionOffset, status, reason);
        _producer.Produce(_options.DeadLetterTopic, record.Message.Key ?? [], record.Message.Value ?? [], headers, outputs);
    }

    private Checkpoint CutCheckpoint(List<PendingOutput> scores, DeliveryBarrier outputs, int records, SampleBatch? samples)
    {
        var users = _cache.TakeDirty();
        var states = new List<UserWrite>(users.Count);
        foreach (var user in users)
        {
            states.Add(new UserWrite(user.State.UserId, user.AppliedOffset, UserStateCodec.Encode(user.State)));
        }
        var batch = new StateBatch(_partition.Topic, _partition.Partition.Value, _cutOffset, _nextOffset, states);
        _cutOffset = _nextOffset;
        return new Checkpoint(_partition, batch, users, scores, outputs, records, samples);
    }

}

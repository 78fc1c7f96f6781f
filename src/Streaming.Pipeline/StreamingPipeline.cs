using Akka;
using Akka.Streams;
using Akka.Streams.Dsl;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using Streaming.Core.Features;
using Streaming.Core.Schemas;
using Streaming.Kafka.Consumer;
using Streaming.Kafka.Producer;
using Streaming.Pipeline.Processing;
using Streaming.Pipeline.Scoring;
using Streaming.Pipeline.Training;
using Streaming.State;

namespace Streaming.Pipeline;

/// <summary>
/// The running pipeline: one Kafka consumer whose assigned partitions each become a sub-stream
/// that decodes, applies, scores, checkpoints and marks its offsets durable. The graph, per
/// partition:
/// <code>
/// records ─ Batch (group commit) ─ Process (decode, apply, score, produce) ─ MakeDurable (await
///   outputs, store commit) ─ MarkDurable (Kafka commit, batched by the source)
/// </code>
/// </summary>
public sealed class StreamingPipeline
{
    // Sub-streams merged at once: more than any node is ever assigned, so no partition waits.
    private const int MaxPartitions = 4_096;

    private readonly PipelineOptions _options;
    private readonly IStateStore _store;
    private readonly FeatureEngine _engine;
    private readonly Func<IRequestScorer> _scorers;
    private readonly KafkaOutputProducer _producer;
    private readonly ILogger _logger;
    private readonly IKafkaConsumerControl _control;
    private readonly ISampleLog? _samples;

    private readonly EventCodec _codec = new();

    // Cancelled by Abort: a checkpoint that has not been written by then never is.
    private readonly CancellationTokenSource _abort = new();

    private StreamingPipeline(
        PipelineOptions options,
        Source<PartitionSource, NotUsed> partitions,
        IKafkaConsumerControl control,
        IStateStore store,
        FeatureEngine engine,
        Func<IRequestScorer> scorers,
        KafkaOutputProducer producer,
        IMaterializer materializer,
        ILoggerFactory loggers,
        ISampleLog? samples)
    {
        _samples = samples;
        // The control is known before the graph runs: a partition can make a checkpoint durable
        // (and mark it on the control) before Run returns.
        _control = control;
        _options = options;
        _store = store;
        _engine = engine;
        _scorers = scorers;
        _producer = producer;
        _logger = loggers.CreateLogger<StreamingPipeline>();
        Completion = partitions
            .Via(Flow.Create<PartitionSource>().MergeMany(MaxPartitions, PartitionFlow))
            .RunWith(Sink.Ignore<NotUsed>(), materializer);
    }

    /// <summary>Counters of this instance.</summary>
    public PipelineMetrics Metrics { get; } = new();

    /// <summary>The consumer behind the source: lag, assignment, commits.</summary>
    public IKafkaConsumerControl Control => _control;

    /// <summary>Completes when the stream ends; faults with the error that stopped it.</summary>
    public Task Completion { get; }

    /// <summary>
    /// Starts a pipeline on <paramref name="materializer"/>; it runs until drained or stopped. With
    /// <paramref name="samples"/> it logs training samples (docs/training-samples.md); the log is
    /// borrowed, the caller disposes it after the pipeline.
    /// </summary>
    public static StreamingPipeline Start(
        IMaterializer materializer,
        PipelineOptions options,
        KafkaSourceSettings source,
        IStateStore store,
        FeatureEngine engine,
        Func<IRequestScorer> scorers,
        KafkaOutputProducer producer,
        ILoggerFactory loggers,
        ISampleLog? samples = null)
    {
        options.Validate();
        var (control, partitions) = KafkaPartitionSource.Create(source, new StoreStartOffsets(store)).PreMaterialize(materializer);
        return new StreamingPipeline(options, partitions, control, store, engine, scorers, producer, materializer, loggers, samples);
    }

    /// <summary>
    /// Starts a pipeline over partitions that <paramref name="partitions"/> provides instead of a
    /// consumer group (a replay's assigned range), controlled by <paramref name="control"/>. Each partition must start at the offset
    /// <paramref name="store"/> holds for it (or 0 when it holds none). The pipeline completes
    /// when the source and every partition's sub-stream have completed and their checkpoints are
    /// durable. <paramref name="samples"/> as for the other overload.
    /// </summary>
    public static StreamingPipeline Start(
        IMaterializer materializer,
        PipelineOptions options,
        Source<PartitionSource, NotUsed> partitions,
        IKafkaConsumerControl control,
        IStateStore store,
        FeatureEngine engine,
        Func<IRequestScorer> scorers,
        KafkaOutputProducer producer,
        ILoggerFactory loggers,
        ISampleLog? samples = null)
    {
        options.Validate();
        return new StreamingPipeline(options, partitions, control, store, engine, scorers, producer, materializer, loggers, samples);
    }

    /// <summary>
    /// The draining shutdown: stop fetching, let every partition finish the records it holds,
    /// make them durable, commit, leave the group. Bounded by <see cref="PipelineOptions.DrainTimeout"/>.
    /// </summary>
    public async Task DrainAsync()
    {
        await _control.DrainAndShutdown(_options.DrainTimeout).ConfigureAwait(false);
        await Completion.WaitAsync(_options.DrainTimeout).ConfigureAwait(false);
    }

    /// <summary>Stops at once without committing anything more: what a crash leaves behind.</summary>
    public void Abort()
    {
        _abort.Cancel();
        _ = _control.Stop();
    }

    private Source<NotUsed, NotUsed> PartitionFlow(PartitionSource partition)
    {
        var processor = new PartitionProcessor(partition.Partition, _options, _engine, _scorers(), _store, _producer, Metrics, _logger, _samples);
        Task<DurableOutcome>? previous = null;
        return partition.Records
            .Batch(_options.MaxCheckpointRecords, record => new List<ConsumeResult<byte[], byte[]>> { record }, static (batch, record) =>
            {
                batch.Add(record);
                return batch;
            })
            .Select(processor.Process)
            .SelectAsync(_options.CheckpointsInFlight, checkpoint =>
            {
                // Checkpoints overlap (the next one is processed and its outputs produced while the
                // previous one is written) but commit in order: each waits for its predecessor.
                var durable = MakeDurable(checkpoint, previous);
                previous = durable;
                return durable;
            })
            .TakeWhile(static outcome => outcome.Result == CommitResult.Committed)
            .Select(outcome =>
            {
                processor.Durable(outcome.Checkpoint);
                _control.MarkDurable(outcome.Checkpoint.Partition, outcome.Checkpoint.Batch.NextOffset);
                return NotUsed.Instance;
            });
    }

    private async Task<DurableOutcome> MakeDurable(Checkpoint checkpoint, Task<DurableOutcome>? previous)
    {
        foreach (var pending in checkpoint.Scores)
        {
            var scored = await pending.Score.CompleteAsync(checkpoint.Samples, _abort.Token).ConfigureAwait(false);
            _producer.Produce(_options.ScoredTopic, pending.Key, _codec.Encode(scored), headers: null, checkpoint.Outputs);
        }
        if (checkpoint.Samples is { } samples)
        {
            // Samples are outputs too: durable (or in the barrier) before the offsets can commit.
            // A log that cannot write fails the stream like a failed delivery; a restart logs again.
            await samples.CompleteAsync(_abort.Token).ConfigureAwait(false);
        }
        checkpoint.Outputs.Seal();
        await checkpoint.Outputs.Completion.WaitAsync(_abort.Token).ConfigureAwait(false);
        if (previous is not null && (await previous.ConfigureAwait(false)).Result != CommitResult.Committed)
        {
            // The partition was fenced: nothing after the refused checkpoint may be written either.
            return new DurableOutcome(checkpoint, CommitResult.Fenced);
        }
        var backoff = TimeSpan.FromMilliseconds(50);
        while (true)
        {
            _abort.Token.ThrowIfCancellationRequested();
            try
            {
                var result = await Task.Run(() => _store.Commit(checkpoint.Batch)).ConfigureAwait(false);
                if (result == CommitResult.Fenced && WrittenBefore(checkpoint.Batch))
                {
                    // A retry of a write that went through but whose acknowledgement was lost.
                    result = CommitResult.Committed;
                }
                Metrics.StoreRecovered();
                if (result == CommitResult.Fenced)
                {
                    Metrics.FencedOut();
                    _logger.LogWarning("Partition {Partition} was moved on by another owner; this instance stops processing it.", checkpoint.Partition);
                }
                else
                {
                    Metrics.CheckpointDurable(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
                }
                return new DurableOutcome(checkpoint, result);
            }
            catch (Exception ex) when (ex is not (ObjectDisposedException or ArgumentException))
            {
                // Nothing past the last durable checkpoint is committed while the store fails; the
                // partition backs up (and pauses at the source) until the write goes through.
                Metrics.StoreFailed(ex.Message, DateTimeOffset.UtcNow);
                if (Metrics.StoreFailingSince is { } since && DateTimeOffset.UtcNow - since > _options.MaxStoreFailure)
                {
                    // Some failures only clear when the store is reopened (RocksDB stays read-only
                    // after a real disk-full). Past the bound the stream fails, the process exits
                    // non-zero, and its supervisor's restart resumes from the last durable checkpoint.
                    throw new IOException($"Checkpoint writes have failed for over {_options.MaxStoreFailure}; giving up so that a restart can reopen the store. Last error: {ex.Message}", ex);
                }
                _logger.LogError(ex, "Checkpoint of {Partition} at offset {Offset} failed; retrying in {Backoff}.",
                    checkpoint.Partition, checkpoint.Batch.NextOffset, backoff);
                await Task.Delay(backoff, _abort.Token).ConfigureAwait(false);
                backoff = TimeSpan.FromMilliseconds(Math.Min(backoff.TotalMilliseconds * 2, 5_000));
            }
        }
    }

    // The store already holds exactly this checkpoint's offset. Whoever wrote it applied the same
    // records to the same state (processing is deterministic), so the write is this checkpoint's.
    private bool WrittenBefore(StateBatch batch) => _store.ReadOffset(batch.Topic, batch.Partition) == batch.NextOffset;

    private readonly record struct DurableOutcome(Checkpoint Checkpoint, CommitResult Result);
}

using Confluent.Kafka;
using Streaming.Kafka.Producer;
using Streaming.Pipeline.Training;
using Streaming.State;

namespace Streaming.Pipeline.Processing;

/// <summary>
/// The unit of durability of one partition: the outputs of a run of records (dead letters already
/// produced, scores still to collect and produce, in request order), and the encoded state of the
/// users they changed together with the partition's next offset. It is durable when every output
/// is acknowledged and the store has committed the batch; only then may the offset be committed.
/// Its training samples (outcomes logged while processing, served inputs while the scores are
/// collected) are made durable with the outputs, before the store commit.
/// </summary>
internal sealed record Checkpoint(
    TopicPartition Partition,
    StateBatch Batch,
    IReadOnlyList<CachedUser> Users,
    IReadOnlyList<PendingOutput> Scores,
    DeliveryBarrier Outputs,
    int Records,
    SampleBatch? Samples);

using Akka.Streams;
using Akka.Streams.Stage;
using Confluent.Kafka;

namespace Streaming.Kafka.Consumer;

/// <summary>
/// The sub-stream of one assigned partition: emits the records the consumer thread put into the
/// partition's <see cref="PartitionBuffer"/>, one per pull, in offset order. It runs wherever the
/// pipeline materializes it; records reach it through the buffer (no message per record) and a
/// wake-up callback only when it waits on an empty buffer.
/// </summary>
internal sealed class PartitionRecordSource : GraphStage<SourceShape<ConsumeResult<byte[], byte[]>>>
{
    private readonly PartitionBuffer _buffer;
    private readonly KafkaConsumerWorker _worker;

    public PartitionRecordSource(PartitionBuffer buffer, KafkaConsumerWorker worker)
    {
        _buffer = buffer;
        _worker = worker;
        Out = new Outlet<ConsumeResult<byte[], byte[]>>("kafka-partition.out");
        Shape = new SourceShape<ConsumeResult<byte[], byte[]>>(Out);
    }

    public Outlet<ConsumeResult<byte[], byte[]>> Out { get; }

    public override SourceShape<ConsumeResult<byte[], byte[]>> Shape { get; }

    protected override Attributes InitialAttributes => Attributes.CreateName(
        $"kafka-partition-{_buffer.Partition.Topic}-{_buffer.Partition.Partition.Value}");

    protected override GraphStageLogic CreateLogic(Attributes inheritedAttributes) => new Logic(this);

    private sealed class Logic : OutGraphStageLogic
    {
        private readonly PartitionRecordSource _stage;
        private readonly PartitionBuffer _buffer;

        public Logic(PartitionRecordSource stage)
            : base(stage.Shape)
        {
            _stage = stage;
            _buffer = stage._buffer;
            SetHandler(stage.Out, this);
        }

        public override void PreStart()
        {
            if (!_buffer.TryAttach(GetAsyncCallback(OnWake)))
            {
                FailStage(new InvalidOperationException(
                    $"The records of {_buffer.Partition} were already materialized; a partition's source can run once."));
                return;
            }

            // Closed before this sub-stream started (revoked early, or shutdown).
            if (_buffer.IsClosed(out var failure))
            {
                Finish(failure);
            }
        }

        public override void OnPull() => Deliver();

        public override void OnDownstreamFinish(Exception cause)
        {
            if (_buffer.Detach())
            {
                _stage._worker.ReportAbandoned(_buffer.Partition, cause);
            }

            base.OnDownstreamFinish(cause);
        }

        public override void PostStop() => _buffer.Detach();

        private void OnWake()
        {
            if (IsAvailable(_stage.Out))
            {
                Deliver();
            }
            else if (_buffer.IsClosed(out var failure))
            {
                Finish(failure);
            }
        }

        private void Deliver()
        {
            switch (_buffer.TryTake(out var record, out var resume, out var failure))
            {
                case BufferTakeOutcome.Record:
                    Push(_stage.Out, record!);
                    if (resume)
                    {
                        _stage._worker.RequestResume(_buffer);
                    }

                    break;
                case BufferTakeOutcome.Completed:
                case BufferTakeOutcome.Failed:
                    Finish(failure);
                    break;
                case BufferTakeOutcome.Empty:
                    // The buffer wakes this stage when the next record arrives.
                    break;
            }
        }

        private void Finish(Exception? failure)
        {
            if (failure is null)
            {
                CompleteStage();
            }
            else
            {
                FailStage(failure);
            }
        }
    }
}

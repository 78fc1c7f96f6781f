using Akka.Streams;
using Akka.Streams.Dsl;
using Akka.Streams.Stage;
using Confluent.Kafka;

namespace Streaming.Kafka.Producer;

/// <summary>
/// Bulk production: a sink that produces every <see cref="ProducerRecord"/> with at most
/// <see cref="KafkaProducerSettings.MaxInFlight"/> undelivered at a time. Its task completes when
/// upstream completed and every record is delivered; it fails the stream with a
/// <see cref="KafkaDeliveryException"/> on the first failed delivery.
/// </summary>
/// <remarks>
/// Demand is visible: the stage pulls only while fewer than MaxInFlight records are in flight.
/// Delivery reports (on librdkafka's thread) only count down; they re-enter the stage through an
/// async callback created once, and only when the stage waits for room or for the last delivery,
/// so a fast stream costs no message per record.
/// </remarks>
public sealed class KafkaProducerSink : GraphStageWithMaterializedValue<SinkShape<ProducerRecord>, Task>
{
    private readonly KafkaProducerSettings _settings;

    private KafkaProducerSink(KafkaProducerSettings settings)
    {
        _settings = settings;
        Shape = new SinkShape<ProducerRecord>(In);
    }

    /// <summary>The inlet of records to produce.</summary>
    public Inlet<ProducerRecord> In { get; } = new("kafka-producer.in");

    /// <inheritdoc />
    public override SinkShape<ProducerRecord> Shape { get; }

    /// <inheritdoc />
    protected override Attributes InitialAttributes => Attributes.CreateName("kafka-producer-sink");

    /// <summary>A sink that owns one producer per materialization (flushed and closed when the stream ends).</summary>
    /// <param name="settings">Producer settings; validated here.</param>
    /// <returns>The sink; its task completes when all records are delivered.</returns>
    public static Sink<ProducerRecord, Task> Create(KafkaProducerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        return Sink.FromGraph(new KafkaProducerSink(settings));
    }

    /// <inheritdoc />
    public override ILogicAndMaterializedValue<Task> CreateLogicAndMaterializedValue(Attributes inheritedAttributes)
    {
        var completion = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return new LogicAndMaterializedValue<Task>(new Logic(this, completion), completion.Task);
    }

    private sealed class Logic : InGraphStageLogic
    {
        private readonly KafkaProducerSink _stage;
        private readonly TaskCompletionSource _completion;
        private readonly int _maxInFlight;
        private readonly Action<DeliveryReport<byte[], byte[]>> _onDelivered;
        private IProducer<byte[], byte[]>? _producer;
        private Action _wake = static () => { };
        private Action<Exception> _fail = static _ => { };
        // Shared with the delivery thread: records produced and not yet reported, whether the
        // stage waits for room (it then needs a wake-up), whether upstream finished, and the
        // first delivery error.
        private int _inFlight;
        private int _waitingForRoom;
        private volatile bool _upstreamFinished;
        private int _failed;

        public Logic(KafkaProducerSink stage, TaskCompletionSource completion)
            : base(stage.Shape)
        {
            _stage = stage;
            _completion = completion;
            _maxInFlight = stage._settings.MaxInFlight;
            _onDelivered = OnDelivered;
            SetHandler(stage.In, this);
        }

        public override void PreStart()
        {
            _wake = GetAsyncCallback(OnWake);
            _fail = GetAsyncCallback<Exception>(FailStage);
            _producer = new ProducerBuilder<byte[], byte[]>(_stage._settings.ToProducerConfig()).Build();
            SetKeepGoing(true);
            Pull(_stage.In);
        }

        public override void OnPush()
        {
            var record = Grab(_stage.In);
            Produce(record);
            if (Interlocked.Increment(ref _inFlight) < _maxInFlight)
            {
                Pull(_stage.In);
                return;
            }

            // Full: the delivery that makes room wakes the stage, unless it came before the
            // flag was set; the exchange makes exactly one side pull.
            Volatile.Write(ref _waitingForRoom, 1);
            if (Volatile.Read(ref _inFlight) < _maxInFlight && Interlocked.Exchange(ref _waitingForRoom, 0) == 1)
            {
                Pull(_stage.In);
            }
        }

        public override void OnUpstreamFinish()
        {
            _upstreamFinished = true;
            OnWake();
        }

        public override void OnUpstreamFailure(Exception e)
        {
            _completion.TrySetException(e);
            base.OnUpstreamFailure(e);
        }

        public override void PostStop()
        {
            if (_producer is { } producer)
            {
                // Records still queued after a failure or cancellation fail with the producer.
                producer.Flush(TimeSpan.FromSeconds(_completion.Task.IsCompleted ? 0 : 10));
                producer.Dispose();
            }

            _completion.TrySetException(new AbruptStageTerminationException(this));
        }

        private void Produce(ProducerRecord record)
        {
            var message = new Message<byte[], byte[]> { Key = record.Key!, Value = record.Value!, Headers = record.Headers };
            while (true)
            {
                try
                {
                    if (record.Partition is { } partition)
                    {
                        _producer!.Produce(new TopicPartition(record.Topic, partition), message, _onDelivered);
                    }
                    else
                    {
                        _producer!.Produce(record.Topic, message, _onDelivered);
                    }

                    return;
                }
                catch (ProduceException<byte[], byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
                {
                    // MaxInFlight is below librdkafka's queue size, so this is another producer
                    // sharing nothing with us; wait for room.
                    Thread.Sleep(1);
                }
            }
        }

        private void OnDelivered(DeliveryReport<byte[], byte[]> report)
        {
            if (report.Error.IsError && Interlocked.Exchange(ref _failed, 1) == 0)
            {
                var failure = new KafkaDeliveryException(report.Topic, report.Error);
                _completion.TrySetException(failure);
                _fail(failure);
            }

            var left = Interlocked.Decrement(ref _inFlight);
            if ((left < _maxInFlight && Interlocked.Exchange(ref _waitingForRoom, 0) == 1) || (left == 0 && _upstreamFinished))
            {
                _wake();
            }
        }

        private void OnWake()
        {
            if (Volatile.Read(ref _failed) != 0)
            {
                return;
            }

            if (_upstreamFinished)
            {
                if (Volatile.Read(ref _inFlight) == 0)
                {
                    _completion.TrySetResult();
                    CompleteStage();
                }

                return;
            }

            if (!HasBeenPulled(_stage.In) && !IsClosed(_stage.In))
            {
                Pull(_stage.In);
            }
        }
    }
}

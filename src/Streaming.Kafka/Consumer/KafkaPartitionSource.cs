using Akka.Streams;
using Akka.Streams.Dsl;
using Akka.Streams.Stage;
using Confluent.Kafka;

namespace Streaming.Kafka.Consumer;

/// <summary>
/// A partition-aware Kafka source: emits one <see cref="PartitionSource"/> per partition the
/// group assigns to this consumer, whose records start where <see cref="IPartitionStartOffsets"/>
/// says. Offsets are committed only once the pipeline marks them durable through the
/// materialized <see cref="IKafkaConsumerControl"/>.
/// </summary>
/// <remarks>
/// <para>The Confluent consumer runs on its own thread (see <see cref="KafkaConsumerWorker"/>);
/// this stage only emits partitions as they are assigned, holding them while there is no demand.
/// Each partition's sub-stream backpressures on its own: a partition whose buffer reaches
/// <see cref="KafkaSourceSettings.PauseThreshold"/> is paused and resumed at
/// <see cref="KafkaSourceSettings.ResumeThreshold"/>.</para>
/// <para>Failure policy: a fatal consumer error, a failing <see cref="IPartitionStartOffsets"/> or a
/// sub-stream cancelled while its partition is assigned fails this source and every open
/// sub-stream (after committing what is already durable). Cancelling this source stops the
/// consumer like <see cref="IKafkaConsumerControl.Stop"/>.</para>
/// </remarks>
public sealed class KafkaPartitionSource : GraphStageWithMaterializedValue<SourceShape<PartitionSource>, IKafkaConsumerControl>
{
    private readonly KafkaSourceSettings _settings;
    private readonly IPartitionStartOffsets _startOffsets;

    private KafkaPartitionSource(KafkaSourceSettings settings, IPartitionStartOffsets startOffsets)
    {
        _settings = settings;
        _startOffsets = startOffsets;
        Shape = new SourceShape<PartitionSource>(Out);
    }

    /// <summary>The outlet of assigned partitions.</summary>
    public Outlet<PartitionSource> Out { get; } = new("kafka-partitions.out");

    /// <inheritdoc />
    public override SourceShape<PartitionSource> Shape { get; }

    /// <inheritdoc />
    protected override Attributes InitialAttributes => Attributes.CreateName("kafka-partition-source");

    /// <summary>
    /// A source of assigned partitions; each materialization runs its own consumer in the group.
    /// </summary>
    /// <param name="settings">Consumer settings; validated here.</param>
    /// <param name="startOffsets">Where each newly assigned partition starts.</param>
    /// <returns>The source; its materialized value controls the consumer.</returns>
    /// <exception cref="ArgumentException">The settings are inconsistent.</exception>
    public static Source<PartitionSource, IKafkaConsumerControl> Create(KafkaSourceSettings settings, IPartitionStartOffsets startOffsets)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(startOffsets);
        settings.Validate();
        return Source.FromGraph(new KafkaPartitionSource(settings, startOffsets));
    }

    /// <inheritdoc />
    public override ILogicAndMaterializedValue<IKafkaConsumerControl> CreateLogicAndMaterializedValue(Attributes inheritedAttributes)
    {
        var worker = new KafkaConsumerWorker(_settings, _startOffsets);
        return new LogicAndMaterializedValue<IKafkaConsumerControl>(new Logic(this, worker), worker);
    }

    private sealed class Logic : OutGraphStageLogic
    {
        private readonly KafkaPartitionSource _stage;
        private readonly KafkaConsumerWorker _worker;
        private readonly Queue<PartitionSource> _pending = new();

        public Logic(KafkaPartitionSource stage, KafkaConsumerWorker worker)
            : base(stage.Shape)
        {
            _stage = stage;
            _worker = worker;
            SetHandler(stage.Out, this);
        }

        public override void PreStart()
        {
            var callbacks = new StageCallbacks(
                GetAsyncCallback<IReadOnlyList<PartitionSource>>(OnAssigned),
                GetAsyncCallback<IReadOnlyList<TopicPartition>>(OnReleased),
                GetAsyncCallback<Exception?>(OnStopped));
            _worker.Start(callbacks, Log);
        }

        public override void OnPull()
        {
            if (_pending.TryDequeue(out var partition))
            {
                Push(_stage.Out, partition);
            }
        }

        public override void OnDownstreamFinish(Exception cause)
        {
            _ = _worker.Stop();
            base.OnDownstreamFinish(cause);
        }

        public override void PostStop()
        {
            _worker.DetachStage();
            _ = _worker.Stop();
        }

        private void OnAssigned(IReadOnlyList<PartitionSource> partitions)
        {
            foreach (var partition in partitions)
            {
                _pending.Enqueue(partition);
            }

            PushIfDemanded();
        }

        private void OnReleased(IReadOnlyList<TopicPartition> partitions)
        {
            // A partition released before it was emitted is simply never emitted.
            if (_pending.Count == 0)
            {
                return;
            }

            var keep = _pending.Where(p => !partitions.Contains(p.Partition)).ToList();
            _pending.Clear();
            foreach (var partition in keep)
            {
                _pending.Enqueue(partition);
            }
        }

        private void OnStopped(Exception? failure)
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

        private void PushIfDemanded()
        {
            if (IsAvailable(_stage.Out))
            {
                OnPull();
            }
        }
    }
}

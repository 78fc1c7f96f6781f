using System.IO.Compression;

namespace Streaming.Pipeline.Training;

/// <summary>
/// The <c>training</c> section of a pipeline configuration: where the sample log goes and how much
/// of it is kept (docs/training-samples.md), and how the retraining job runs (docs/training.md). The label windows are feature options
/// (<c>training.label_minutes</c>, <c>cdum.label_minutes</c>, <c>cdum.label_plays</c>).
/// </summary>
public sealed record TrainingOptions
{
    /// <summary>The defaults: a file log of every request, compressed at the fastest level.</summary>
    public static TrainingOptions Default { get; } = new();

    /// <summary><c>training.sample_log</c>: <c>file</c> (default), <c>kafka</c> or <c>off</c>.</summary>
    public SampleLogMode SampleLog { get; init; } = SampleLogMode.File;

    /// <summary>
    /// <c>training.sample_rate</c>: the fraction of scored requests whose served inputs are logged,
    /// chosen by a hash of the request id (<see cref="Core.Training.SampleSelection"/>), so every
    /// replay and restart chooses the same requests. Outcomes are always logged: labels need them all.
    /// </summary>
    public double SampleRate { get; init; } = 1.0;

    /// <summary><c>training.samples_topic</c>: the topic of the Kafka log.</summary>
    public string SamplesTopic { get; init; } = "samples";

    /// <summary><c>training.segment_bytes</c>: a file segment is closed and the next begun once it holds this many bytes.</summary>
    public long SegmentBytes { get; init; } = 64L << 20;

    /// <summary><c>training.compression</c>: the zlib level of a file segment's blocks (<c>fastest</c>, <c>optimal</c>, <c>smallest_size</c>, <c>no_compression</c>).</summary>
    public CompressionLevel Compression { get; init; } = CompressionLevel.Fastest;

    /// <summary><c>training.kafka_compression</c>: the Kafka producer's <c>compression.type</c> for the samples topic.</summary>
    public string KafkaCompression { get; init; } = "lz4";

    /// <summary>
    /// <c>training.interval</c> (for example <c>"01:00:00"</c>): how often a running node retrains the
    /// stage models on its sample log and publishes what passes the gate; null (the default): never.
    /// </summary>
    public TimeSpan? Interval { get; init; }

    /// <summary><c>training.epochs</c>: passes over the training rows per round.</summary>
    public int Epochs { get; init; } = 3;

    /// <summary><c>training.batch_size</c>: rows per optimiser step.</summary>
    public int BatchSize { get; init; } = 512;

    /// <summary><c>training.learning_rate</c>: Adam's step size.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary><c>training.seed</c>: seeds the weights and the shuffling.</summary>
    public ulong Seed { get; init; } = 17;

    /// <summary><c>training.meda</c>: MEDA-style multi-epoch training, redrawing the ID embeddings every epoch.</summary>
    public bool Meda { get; init; }

    /// <summary><c>training.threads</c>: torch's intra-op threads; 0 (default): half the cores.</summary>
    public int Threads { get; init; }

    /// <summary>
    /// <c>training.exposed_only</c>: train the fatigue model on the candidates that were shown only.
    /// Off by default, as SPEC §7 has it (a candidate without an outcome in the label window is a
    /// negative); on where requests carry many candidates of which the feed shows a few, so that
    /// the model learns engagement rather than the feed's own exposure choice.
    /// </summary>
    public bool ExposedOnly { get; init; }

    /// <summary><c>training.gate</c>: when a retrained model may replace the serving one.</summary>
    public TrainingGateOptions Gate { get; init; } = new();

    /// <summary>Validates the options, naming the first bad value.</summary>
    public void Validate()
    {
        if (!Enum.IsDefined(SampleLog))
        {
            throw new ArgumentException($"training.sample_log {SampleLog} is not off, file or kafka.");
        }
        if (double.IsNaN(SampleRate) || SampleRate is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(SampleRate), SampleRate, "training.sample_rate must be in [0, 1].");
        }
        if (string.IsNullOrWhiteSpace(SamplesTopic))
        {
            throw new ArgumentException("training.samples_topic must be named.");
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(SegmentBytes, 1L << 16, nameof(SegmentBytes));
        if (Interval is { } interval && interval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(Interval), interval, "training.interval must be positive (leave it out to never retrain).");
        }
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Epochs, "training.epochs");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(BatchSize, "training.batch_size");
        ArgumentOutOfRangeException.ThrowIfNegative(Threads, "training.threads");
        if (!(LearningRate > 0 && double.IsFinite(LearningRate)))
        {
            throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "training.learning_rate must be a positive number.");
        }
        Gate.Validate();
    }
}

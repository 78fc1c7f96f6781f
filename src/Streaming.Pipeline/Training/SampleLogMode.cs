namespace Streaming.Pipeline.Training;

/// <summary>Where the sample log of SPEC §7 goes (<c>training.sample_log</c>).</summary>
public enum SampleLogMode
{
    /// <summary>Nothing is logged.</summary>
    Off,

    /// <summary>Segment files under the node's data folder (<see cref="FileSampleLog"/>); the embedded default.</summary>
    File,

    /// <summary>The Kafka topic <see cref="TrainingOptions.SamplesTopic"/> (<see cref="KafkaSampleLog"/>); the deployed setting.</summary>
    Kafka,
}

using Streaming.Kafka.Embedded;

namespace Streaming.Pipeline;

/// <summary>Creates the pipeline's topics on the embedded broker, which has no CreateTopics API of its own.</summary>
public static class EmbeddedTopics
{
    /// <summary>Creates the input, output and dead-letter topics with <see cref="PipelineOptions.Partitions"/> partitions each.</summary>
    public static void Create(EmbeddedKafkaBroker broker, PipelineOptions options)
    {
        broker.CreateTopic(options.EventsTopic, options.Partitions);
        broker.CreateTopic(options.ScoredTopic, options.Partitions);
        broker.CreateTopic(options.DeadLetterTopic, options.Partitions);
    }
}

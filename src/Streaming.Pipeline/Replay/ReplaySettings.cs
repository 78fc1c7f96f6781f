using Streaming.Pipeline.Scoring;

namespace Streaming.Pipeline.Replay;

/// <summary>What one replay reads, where it writes, and with which models.</summary>
public sealed record ReplaySettings
{
    /// <summary>The Kafka bootstrap address.</summary>
    public required string BootstrapServers { get; init; }

    /// <summary>Production's options: the input topic is read from, the output topics are derived from (never written).</summary>
    public required PipelineOptions Production { get; init; }

    /// <summary>The namespace of the replay's state and the suffix of its topics ([A-Za-z0-9._-], not production's).</summary>
    public required string Namespace { get; init; }

    /// <summary>The range to replay.</summary>
    public required ReplayRange Range { get; init; }

    /// <summary>The model stages, normally with <see cref="ModelSettings.PinnedVersions"/>; null scores with the baseline.</summary>
    public ModelSettings? Models { get; init; }

    /// <summary>The replay's scored topic: production's with <c>.&lt;namespace&gt;</c> appended (<c>scored.&lt;ns&gt;</c>).</summary>
    public string ScoredTopic => Production.ScoredTopic + "." + Namespace;

    /// <summary>The replay's dead-letter topic: production's with <c>.&lt;namespace&gt;</c> appended (<c>events.dlq.&lt;ns&gt;</c>).</summary>
    public string DeadLetterTopic => Production.DeadLetterTopic + "." + Namespace;

    /// <summary>The pipeline options the replay runs with: production's, with the replay's output topics.</summary>
    public PipelineOptions PipelineOptions => Production with
    {
        ScoredTopic = ScoredTopic,
        DeadLetterTopic = DeadLetterTopic,
        GroupId = "streaming-replay-" + Namespace,
    };
}

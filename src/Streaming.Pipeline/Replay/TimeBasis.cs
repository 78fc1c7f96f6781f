namespace Streaming.Pipeline.Replay;

/// <summary>Which timestamp a <c>time:</c> bound is compared with.</summary>
public enum TimeBasis
{
    /// <summary>The Kafka record timestamp (what OffsetsForTimes answers for; produce time unless the producer stamps events).</summary>
    Kafka,

    /// <summary>The event's own <c>ts_ms</c>, decoded from the record (always the binary search).</summary>
    Event,
}

namespace Streaming.Core.Schemas;

/// <summary>
/// The range rules of <see cref="EventCodec.Decode"/> that are tunable (SPEC §1; docs/framing.md
/// lists every rule). Configuration keys are given per property.
/// </summary>
public sealed record EventCodecOptions
{
    /// <summary>2000-01-01T00:00:00Z in epoch milliseconds: SPEC §1's earliest valid event time.</summary>
    public const long Year2000Ms = 946_684_800_000L;

    /// <summary>The defaults.</summary>
    public static EventCodecOptions Default { get; } = new();

    /// <summary>
    /// <c>events.max_payload_bytes</c>: a larger payload is rejected as oversized before any
    /// decoding, which also bounds what a garbage payload can make the decoder allocate. 1 MiB by
    /// default (Kafka's default <c>message.max.bytes</c> is about the same).
    /// </summary>
    public int MaxPayloadBytes { get; init; } = 1 << 20;

    /// <summary><c>events.min_ts_ms</c>: the earliest valid <c>ts_ms</c> (SPEC §1: 2000-01-01).</summary>
    public long MinTsMs { get; init; } = Year2000Ms;

    /// <summary>
    /// <c>events.max_future_ms</c>: how far <c>ts_ms</c> may lie after the reference time (the
    /// Kafka record timestamp) before the event counts as from the future (SPEC §1: one day).
    /// </summary>
    public long MaxFutureMs { get; init; } = 86_400_000L;

    /// <summary>
    /// <c>events.max_candidates</c>: the most candidates one request (and scores one answer) may
    /// carry; a bound on the work one record can ask of the model stages.
    /// </summary>
    public int MaxCandidates { get; init; } = 10_000;

    /// <summary><c>events.max_id_length</c>: the longest event or request id, in UTF-16 characters.</summary>
    public int MaxIdLength { get; init; } = 256;

    /// <summary>Throws when a value makes no sense, naming it.</summary>
    public EventCodecOptions Validated()
    {
        if (MaxPayloadBytes <= EventFrame.HeaderLength)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxPayloadBytes), MaxPayloadBytes, $"must exceed the {EventFrame.HeaderLength}-byte header");
        }
        ArgumentOutOfRangeException.ThrowIfNegative(MinTsMs);
        ArgumentOutOfRangeException.ThrowIfNegative(MaxFutureMs);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxCandidates, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxIdLength, 1);
        return this;
    }
}

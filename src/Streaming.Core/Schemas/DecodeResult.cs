using Streaming.Core.Events;

namespace Streaming.Core.Schemas;

/// <summary>
/// The outcome of decoding one payload: a status, the event when the status is
/// <see cref="DecodeStatus.Ok"/>, and a human-readable reason otherwise (for the dead-letter record).
/// </summary>
public readonly struct DecodeResult
{
    private DecodeResult(DecodeStatus status, EventType type, byte version, object? @event, string reason)
    {
        Status = status;
        Type = type;
        SchemaVersion = version;
        Event = @event;
        Reason = reason;
    }

    /// <summary>What the decoder made of the payload.</summary>
    public DecodeStatus Status { get; }

    /// <summary>
    /// The header's event type byte; 0 when the payload was too short to have one, possibly an
    /// undefined member when <see cref="Status"/> is <see cref="DecodeStatus.UnknownType"/>.
    /// </summary>
    public EventType Type { get; }

    /// <summary>The header's writer schema version byte; 0 when the payload was too short to have one.</summary>
    public byte SchemaVersion { get; }

    /// <summary>
    /// The decoded event (an <see cref="Events.Interaction"/>, <see cref="Events.ScoringRequest"/> or
    /// <see cref="Events.ScoredRequest"/>, <see cref="Events.TrainingSample"/>); non-null exactly when <see cref="Status"/> is <see cref="DecodeStatus.Ok"/>.
    /// </summary>
    public object? Event { get; }

    /// <summary>Why the payload was rejected, naming the field, value or byte; empty when <see cref="Status"/> is <see cref="DecodeStatus.Ok"/>.</summary>
    public string Reason { get; }

    /// <summary>True when the event decoded and passed every range rule.</summary>
    public bool IsOk => Status == DecodeStatus.Ok;

    /// <summary>The event when it is an <see cref="Events.Interaction"/>, else null.</summary>
    public Interaction? Interaction => Event as Interaction;

    /// <summary>The event when it is a <see cref="Events.ScoringRequest"/>, else null.</summary>
    public ScoringRequest? ScoringRequest => Event as ScoringRequest;

    /// <summary>The event when it is a <see cref="Events.ScoredRequest"/>, else null.</summary>
    public ScoredRequest? ScoredRequest => Event as ScoredRequest;

    /// <summary>The event when it is a <see cref="Events.TrainingSample"/>, else null.</summary>
    public TrainingSample? TrainingSample => Event as TrainingSample;

    /// <summary>A successful result carrying <paramref name="event"/>.</summary>
    public static DecodeResult Ok(EventType type, byte version, object @event) =>
        new(DecodeStatus.Ok, type, version, @event ?? throw new ArgumentNullException(nameof(@event)), string.Empty);

    /// <summary>A rejection with its status and reason.</summary>
    public static DecodeResult Rejected(DecodeStatus status, EventType type, byte version, string reason)
    {
        if (status == DecodeStatus.Ok)
        {
            throw new ArgumentException("A rejection needs a status other than Ok.", nameof(status));
        }
        return new(status, type, version, null, reason);
    }

    /// <inheritdoc />
    public override string ToString() => IsOk ? $"Ok {Type} v{SchemaVersion}" : $"{Status} ({Type} v{SchemaVersion}): {Reason}";
}

namespace Streaming.Core.Schemas;

/// <summary>
/// The event kinds, as byte 1 of every framed payload names them (see <see cref="EventFrame"/>).
/// The numbers are part of the wire format: never renumber, only append.
/// </summary>
public enum EventType : byte
{
    /// <summary>An <see cref="Events.Interaction"/>.</summary>
    Interaction = 1,

    /// <summary>A <see cref="Events.ScoringRequest"/>.</summary>
    ScoringRequest = 2,

    /// <summary>A <see cref="Events.ScoredRequest"/>.</summary>
    ScoredRequest = 3,

    /// <summary>A <see cref="Events.TrainingSample"/>: a served model input logged for training.</summary>
    TrainingSample = 4,
}

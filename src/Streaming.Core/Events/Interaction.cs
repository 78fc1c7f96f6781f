namespace Streaming.Core.Events;

/// <summary>
/// One exposure of an item to a user and what the user did with it (SPEC §1).
/// Keyed in Kafka by <see cref="UserId"/>, so one user's interactions are ordered within a partition.
/// </summary>
public sealed record Interaction
{
    /// <summary>Unique id of the event.</summary>
    public required string EventId { get; init; }

    /// <summary>The user who saw the item.</summary>
    public required long UserId { get; init; }

    /// <summary>The exposed item.</summary>
    public required long ItemId { get; init; }

    /// <summary>The item's author, -1 when unknown.</summary>
    public long AuthorId { get; init; } = -1;

    /// <summary>The item's category, -1 when unknown.</summary>
    public int Category { get; init; } = -1;

    /// <summary>The item's duration in milliseconds, 0 when unknown.</summary>
    public int DurationMs { get; init; }

    /// <summary>Event time, epoch milliseconds.</summary>
    public required long TsMs { get; init; }

    /// <summary>How long the user played the item, milliseconds.</summary>
    public int PlayTimeMs { get; init; }

    /// <summary>The user clicked (a valid play).</summary>
    public bool Click { get; init; }

    /// <summary>The user watched long enough for a long view.</summary>
    public bool LongView { get; init; }

    /// <summary>The user liked the item.</summary>
    public bool Like { get; init; }

    /// <summary>The user followed the author.</summary>
    public bool Follow { get; init; }

    /// <summary>The user commented.</summary>
    public bool Comment { get; init; }

    /// <summary>The user forwarded the item.</summary>
    public bool Forward { get; init; }

    /// <summary>The user marked the item as disliked.</summary>
    public bool Hate { get; init; }

    /// <summary>The scoring request that led to this exposure, when known.</summary>
    public string? RequestId { get; init; }

    /// <summary>The app tab the exposure happened in, when known.</summary>
    public int? Tab { get; init; }

    /// <summary>The app surface where the exposure happened (feed, search, profile, ...), when known. Schema v2.</summary>
    public string? Surface { get; init; }
}

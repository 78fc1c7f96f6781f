using Streaming.Core.Events;

namespace Streaming.Core.Datasets;

/// <summary>
/// One event a dataset produces: either an <see cref="Events.Interaction"/> or a
/// <see cref="ScoringRequest"/>. Datasets yield these in the order they must be produced to Kafka.
/// </summary>
/// <remarks>A <c>default</c> instance holds nothing; its accessors throw.</remarks>
public readonly struct DatasetEvent
{
    // Exactly one of the two event types, or null for default(DatasetEvent).
    private readonly object? _event;

    /// <summary>Wraps an interaction.</summary>
    /// <param name="interaction">The interaction; not null.</param>
    public DatasetEvent(Interaction interaction)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        _event = interaction;
    }

    /// <summary>Wraps a scoring request.</summary>
    /// <param name="request">The request; not null.</param>
    public DatasetEvent(ScoringRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        _event = request;
    }

    /// <summary>The interaction, or null when this is a request.</summary>
    public Interaction? Interaction => _event as Interaction;

    /// <summary>The scoring request, or null when this is an interaction.</summary>
    public ScoringRequest? Request => _event as ScoringRequest;

    /// <summary>True when this event is an <see cref="Events.Interaction"/>.</summary>
    public bool IsInteraction => _event is Interaction;

    /// <summary>True when this event is a <see cref="ScoringRequest"/>.</summary>
    public bool IsRequest => _event is ScoringRequest;

    /// <summary>The user the event belongs to (its Kafka key).</summary>
    /// <exception cref="InvalidOperationException">The instance is <c>default</c>.</exception>
    public long UserId => _event switch
    {
        Interaction i => i.UserId,
        ScoringRequest r => r.UserId,
        _ => throw Empty(),
    };

    /// <summary>The event time, epoch milliseconds.</summary>
    /// <exception cref="InvalidOperationException">The instance is <c>default</c>.</exception>
    public long TsMs => _event switch
    {
        Interaction i => i.TsMs,
        ScoringRequest r => r.TsMs,
        _ => throw Empty(),
    };

    /// <summary>Wraps an interaction.</summary>
    /// <param name="interaction">The interaction; not null.</param>
    public static implicit operator DatasetEvent(Interaction interaction) => new(interaction);

    /// <summary>Wraps a scoring request.</summary>
    /// <param name="request">The request; not null.</param>
    public static implicit operator DatasetEvent(ScoringRequest request) => new(request);

    /// <inheritdoc/>
    public override string ToString() => _event?.ToString() ?? "(empty)";

    private static InvalidOperationException Empty() => new("default(DatasetEvent) holds no event.");
}

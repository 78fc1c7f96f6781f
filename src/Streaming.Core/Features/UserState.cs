using Streaming.Core.Features.Context;
using Streaming.Core.Features.Fatigue;
using Streaming.Core.Features.LifeCycle;

namespace Streaming.Core.Features;

/// <summary>
/// Everything the pipeline keeps about one user: the fatigue, life-cycle and context states.
/// Borrowed by <see cref="FeatureEngine"/> for each event, owned by the state store; persisted
/// with <see cref="UserStateCodec"/>. Not thread-safe: one user's events are applied by one stage.
/// </summary>
public sealed class UserState
{
    /// <summary>Creates the empty state of a user who has no interactions yet.</summary>
    /// <param name="userId">The user.</param>
    /// <param name="options">The sizes of the parts.</param>
    public UserState(long userId, FeatureOptions options)
        : this(userId, new FatigueState(options), new LifeCycleClusters(), new ContextState(options))
    {
    }

    /// <summary>Assembles a state from its parts (as decoded).</summary>
    /// <param name="userId">The user.</param>
    /// <param name="fatigue">The fatigue state.</param>
    /// <param name="lifeCycle">The life-cycle clusters.</param>
    /// <param name="context">The context state.</param>
    public UserState(long userId, FatigueState fatigue, LifeCycleClusters lifeCycle, ContextState context)
    {
        ArgumentNullException.ThrowIfNull(fatigue);
        ArgumentNullException.ThrowIfNull(lifeCycle);
        ArgumentNullException.ThrowIfNull(context);
        UserId = userId;
        Fatigue = fatigue;
        LifeCycle = lifeCycle;
        Context = context;
    }

    /// <summary>The user.</summary>
    public long UserId { get; }

    /// <summary>Fatigue state (SPEC §3).</summary>
    public FatigueState Fatigue { get; }

    /// <summary>Life-cycle clusters (SPEC §4).</summary>
    public LifeCycleClusters LifeCycle { get; }

    /// <summary>Context state (SPEC §5).</summary>
    public ContextState Context { get; }
}

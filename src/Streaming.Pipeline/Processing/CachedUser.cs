using Streaming.Core.Features;

namespace Streaming.Pipeline.Processing;

/// <summary>A user's decoded state in a partition's cache, with what the store already has of it.</summary>
internal sealed class CachedUser(UserState state, long appliedOffset)
{
    /// <summary>The live state; only the partition's processing stage touches it.</summary>
    public UserState State { get; } = state;

    /// <summary>The source offset of the last event applied to <see cref="State"/>; -1 for none.</summary>
    public long AppliedOffset { get; set; } = appliedOffset;

    /// <summary>True when <see cref="State"/> has changes not yet captured by a checkpoint.</summary>
    public bool Dirty { get; set; }

    /// <summary>How many checkpoints still carry an encoding of this user that is not yet durable.</summary>
    public int PendingCheckpoints { get; set; }

    /// <summary>Logical time of the last use, for evicting the least recently used clean users.</summary>
    public long LastUse { get; set; }
}

namespace Streaming.State;

/// <summary>What <see cref="IStateStore.Commit"/> did; the members say what the caller does next.</summary>
public enum CommitResult
{
    /// <summary>Everything in the batch is durable: the partition's offset may be committed to Kafka.</summary>
    Committed,

    /// <summary>
    /// Nothing was written: the partition's stored next offset is no longer the batch's expected
    /// one, so another owner (or an earlier, unacknowledged commit) moved it on. Stop processing
    /// the partition and resume from <see cref="IStateStore.ReadOffset"/>.
    /// </summary>
    Fenced,
}

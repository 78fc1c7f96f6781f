namespace Streaming.State;

/// <summary>
/// One checkpoint of one source partition: the users whose state changed and the offset to resume
/// from, written atomically by <see cref="IStateStore.Commit"/> if the partition's stored next
/// offset is still <see cref="ExpectedOffset"/>.
/// </summary>
/// <param name="Topic">The source topic (Kafka's legal characters: letters, digits, '.', '_', '-').</param>
/// <param name="Partition">The source partition.</param>
/// <param name="ExpectedOffset">The next offset the caller last read or committed for the partition; null when none was stored.</param>
/// <param name="NextOffset">The next offset to consume once this batch is durable (one past the last event it reflects).</param>
/// <param name="Users">The changed users; at most one write per user.</param>
public sealed record StateBatch(string Topic, int Partition, long? ExpectedOffset, long NextOffset, IReadOnlyList<UserWrite> Users)
{
    /// <summary>
    /// Throws <see cref="ArgumentException"/> when the batch cannot be right: a bad topic, a
    /// negative partition or offset, a next offset behind the expected one, a user applied at or
    /// beyond the next offset, or a user written twice.
    /// </summary>
    public void EnsureValid()
    {
        StateKeys.CheckTopic(Topic);
        ArgumentOutOfRangeException.ThrowIfNegative(Partition);
        ArgumentOutOfRangeException.ThrowIfNegative(NextOffset);
        ArgumentNullException.ThrowIfNull(Users);
        if (ExpectedOffset is long expected && (expected < 0 || expected > NextOffset))
        {
            throw new ArgumentException($"ExpectedOffset {expected} must be in [0, NextOffset {NextOffset}]: offsets only move forward.", nameof(ExpectedOffset));
        }
        var seen = new HashSet<long>(Users.Count);
        foreach (var user in Users)
        {
            if (user.AppliedOffset < 0 || user.AppliedOffset >= NextOffset)
            {
                throw new ArgumentException($"User {user.UserId} applied offset {user.AppliedOffset} must be in [0, NextOffset {NextOffset}).", nameof(Users));
            }
            if (!seen.Add(user.UserId))
            {
                throw new ArgumentException($"User {user.UserId} is written twice in one batch.", nameof(Users));
            }
        }
    }
}

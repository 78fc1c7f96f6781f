namespace Streaming.State;

/// <summary>
/// The durable feature store the pipeline borrows (it never opens one itself): per-user encoded
/// state tagged with the source offset it reflects, and per partition the next offset to consume.
/// A partition's users and its next offset change together in one atomic <see cref="Commit"/>,
/// so after any crash the stored offset and the stored states describe the same moment.
/// </summary>
/// <remarks>
/// Every key lives under <see cref="Namespace"/>, so a replay can write beside production in
/// the same store without either seeing the other. Implementations are thread-safe.
/// </remarks>
public interface IStateStore : IDisposable
{
    /// <summary>The key prefix of everything this store reads and writes ("prod" by default).</summary>
    string Namespace { get; }

    /// <summary>The durable next offset of a source partition, or null when none was ever committed.</summary>
    long? ReadOffset(string topic, int partition);

    /// <summary>A user's stored record, or null when the user has none.</summary>
    StoredUser? ReadUser(long userId);

    /// <summary>
    /// Writes all of <paramref name="batch"/>'s users and its partition's new next offset in one
    /// atomic write, if and only if the partition's stored next offset still equals
    /// <see cref="StateBatch.ExpectedOffset"/> (compare-and-set). Returns
    /// <see cref="CommitResult.Fenced"/>, having written nothing, when it does not: another owner
    /// moved the partition on, and this one must stop and re-read.
    /// </summary>
    /// <exception cref="ArgumentException">The batch breaks a rule of <see cref="StateBatch.EnsureValid"/> (a caller bug).</exception>
    /// <exception cref="IOException">The store could not write (disk full, I/O error); nothing or everything was written.</exception>
    CommitResult Commit(StateBatch batch);

    /// <summary>Every user id with a stored record, ascending; for inspection and tests, not the hot path.</summary>
    IEnumerable<long> UserIds();
}

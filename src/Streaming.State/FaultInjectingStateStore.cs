namespace Streaming.State;

/// <summary>
/// For chaos tests only: wraps a real store and, when told to, makes commits fail with
/// <see cref="IOException"/> until <see cref="ClearFaults"/>. Reads pass through. Owns the inner store.
/// </summary>
public sealed class FaultInjectingStateStore : IStateStore
{
    /// <summary>The message of a commit failed before writing.</summary>
    public const string DiskFullMessage = "injected: disk full";

    /// <summary>The message of a commit that was written but reported as failed.</summary>
    public const string LostAcknowledgementMessage = "injected: commit written but its acknowledgement lost";

    private readonly IStateStore _inner;
    private int _fault;
    private int _injectedFailures;

    /// <summary>Wraps <paramref name="inner"/>, taking ownership of it.</summary>
    public FaultInjectingStateStore(IStateStore inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        _inner = inner;
    }

    /// <summary>The fault currently injected.</summary>
    public CommitFault Fault => (CommitFault)Volatile.Read(ref _fault);

    /// <summary>How many commits were failed on purpose so far.</summary>
    public int InjectedFailures => Volatile.Read(ref _injectedFailures);

    /// <inheritdoc />
    public string Namespace => _inner.Namespace;

    /// <summary>Fails every commit from now on until <see cref="ClearFaults"/>; <see cref="CommitFault.BeforeWrite"/> by default.</summary>
    public void FailCommits(CommitFault fault = CommitFault.BeforeWrite) => Volatile.Write(ref _fault, (int)fault);

    /// <summary>Lets commits pass through again.</summary>
    public void ClearFaults() => Volatile.Write(ref _fault, (int)CommitFault.None);

    /// <inheritdoc />
    public long? ReadOffset(string topic, int partition) => _inner.ReadOffset(topic, partition);

    /// <inheritdoc />
    public StoredUser? ReadUser(long userId) => _inner.ReadUser(userId);

    /// <inheritdoc />
    public CommitResult Commit(StateBatch batch)
    {
        switch (Fault)
        {
            case CommitFault.BeforeWrite:
                Interlocked.Increment(ref _injectedFailures);
                throw new IOException(DiskFullMessage);
            case CommitFault.AfterWrite:
                var result = _inner.Commit(batch);
                if (result == CommitResult.Fenced)
                {
                    return result;
                }
                Interlocked.Increment(ref _injectedFailures);
                throw new IOException(LostAcknowledgementMessage);
            default:
                return _inner.Commit(batch);
        }
    }

    /// <inheritdoc />
    public IEnumerable<long> UserIds() => _inner.UserIds();

    /// <summary>Disposes the inner store.</summary>
    public void Dispose() => _inner.Dispose();
}

namespace Streaming.Pipeline.Training;

/// <summary>
/// One checkpoint's part of a sample log. Records are appended while the checkpoint is processed
/// and scored; <see cref="CompleteAsync"/> then makes them durable (or hands them to the
/// checkpoint's delivery barrier) before the checkpoint's offsets may be committed.
/// </summary>
public interface ISampleSink
{
    /// <summary>Appends one framed record (docs/framing.md) of <paramref name="userId"/>; <paramref name="payload"/> is only read during the call.</summary>
    void Append(long userId, ReadOnlySpan<byte> payload);

    /// <summary>
    /// Called once, after the last append and before the checkpoint's barrier is sealed: completes
    /// when the records are durable (a file log: written and fsynced), or at once when the barrier's
    /// acknowledgements make them durable (Kafka). Throws when they cannot be made durable.
    /// </summary>
    Task CompleteAsync(CancellationToken cancellation);
}

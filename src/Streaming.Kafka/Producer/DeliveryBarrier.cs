using Confluent.Kafka;

namespace Streaming.Kafka.Producer;

/// <summary>
/// Counts the in-flight deliveries of one checkpoint's outputs. <see cref="Completion"/>
/// completes once the barrier is sealed and every record produced through it is delivered, and
/// faults as soon as one delivery fails. Pass it to <see cref="KafkaOutputProducer.Produce"/>,
/// then <see cref="Seal"/> it.
/// </summary>
/// <remarks>
/// One barrier costs one task and one delivery delegate, whatever its record count. Produce
/// through it and seal it from one thread at a time; delivery reports may arrive on any thread.
/// Continuations of <see cref="Completion"/> never run on librdkafka's thread.
/// </remarks>
public sealed class DeliveryBarrier
{
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    // One count per undelivered record plus one for "not sealed yet", so that the count reaches
    // zero only after sealing.
    private int _outstanding = 1;
    private int _sealed;

    /// <summary>Creates an open barrier.</summary>
    public DeliveryBarrier()
    {
        DeliveryHandler = OnDelivered;
    }

    /// <summary>Completes when sealed and all delivered; faults with <see cref="KafkaDeliveryException"/> on the first failed delivery.</summary>
    public Task Completion => _completion.Task;

    /// <summary>Records produced through the barrier and not delivered yet.</summary>
    public int Pending => Volatile.Read(ref _outstanding) - (Volatile.Read(ref _sealed) == 0 ? 1 : 0);

    /// <summary>Whether <see cref="Seal"/> was called.</summary>
    public bool IsSealed => Volatile.Read(ref _sealed) != 0;

    internal Action<DeliveryReport<byte[], byte[]>> DeliveryHandler { get; }

    /// <summary>No more records will be produced through this barrier; <see cref="Completion"/> may now complete.</summary>
    public void Seal()
    {
        if (Interlocked.Exchange(ref _sealed, 1) == 0)
        {
            Release();
        }
    }

    internal void Enter()
    {
        if (Volatile.Read(ref _sealed) != 0)
        {
            throw new InvalidOperationException("The delivery barrier is sealed; start a new one for the next checkpoint.");
        }

        Interlocked.Increment(ref _outstanding);
    }

    internal void Fail(KafkaDeliveryException failure)
    {
        _completion.TrySetException(failure);
        Release();
    }

    private void OnDelivered(DeliveryReport<byte[], byte[]> report)
    {
        if (report.Error.IsError)
        {
            _completion.TrySetException(new KafkaDeliveryException(report.Topic, report.Error));
        }

        Release();
    }

    private void Release()
    {
        if (Interlocked.Decrement(ref _outstanding) == 0)
        {
            _completion.TrySetResult();
        }
    }
}

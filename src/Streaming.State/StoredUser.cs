namespace Streaming.State;

/// <summary>A user's durable record.</summary>
/// <param name="AppliedOffset">The source offset of the last event the state reflects: events at or below it are already in it.</param>
/// <param name="Partition">The source partition that offset belongs to.</param>
/// <param name="State">The user state as Core's state codec encoded it; opaque to the store.</param>
public readonly record struct StoredUser(long AppliedOffset, int Partition, ReadOnlyMemory<byte> State);

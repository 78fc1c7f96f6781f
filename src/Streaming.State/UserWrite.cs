namespace Streaming.State;

/// <summary>One user's new record in a <see cref="StateBatch"/>; its partition is the batch's.</summary>
/// <param name="UserId">The user.</param>
/// <param name="AppliedOffset">The source offset of the last event the state reflects.</param>
/// <param name="State">The encoded user state; the store copies it during the commit, so the caller may reuse the buffer afterwards.</param>
public readonly record struct UserWrite(long UserId, long AppliedOffset, ReadOnlyMemory<byte> State);

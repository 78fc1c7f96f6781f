namespace Streaming.Host.Chaos;

/// <summary>One record read from the dead-letter topic, headers decoded.</summary>
/// <param name="Status">The <c>dlq.status</c> header.</param>
/// <param name="Reason">The <c>dlq.reason</c> header.</param>
/// <param name="SourceTopic">The <c>dlq.source.topic</c> header.</param>
/// <param name="SourcePartition">The <c>dlq.source.partition</c> header, -1 when absent or not a number.</param>
/// <param name="SourceOffset">The <c>dlq.source.offset</c> header, -1 when absent or not a number.</param>
/// <param name="Value">The record's value (the refused bytes).</param>
internal sealed record DeadLetterRecord(string? Status, string? Reason, string? SourceTopic, int SourcePartition, long SourceOffset, byte[] Value);

namespace Streaming.Pipeline.Replay;

/// <summary>A record's offset and the timestamp a time bound is compared with.</summary>
/// <param name="Offset">The record's offset.</param>
/// <param name="TimestampMs">Its timestamp, epoch milliseconds.</param>
public readonly record struct RecordStamp(long Offset, long TimestampMs);

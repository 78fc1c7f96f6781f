using Streaming.Core.Datasets;

namespace Streaming.Host.Chaos;

/// <summary>One record the chaos workload puts on the input topic: a valid event or a bad record.</summary>
/// <param name="UserId">The user whose key the record carries (bad records use real users' keys, so they share their partitions).</param>
/// <param name="Payload">The value bytes.</param>
/// <param name="Event">The event, for a valid record.</param>
/// <param name="Bad">The kind of malformation, for a bad record.</param>
internal sealed record PlannedRecord(long UserId, byte[] Payload, DatasetEvent? Event, BadRecordKind? Bad)
{
    public bool IsBad => Bad is not null;
}

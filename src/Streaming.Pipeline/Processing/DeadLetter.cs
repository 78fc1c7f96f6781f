using System.Globalization;
using System.Text;
using Confluent.Kafka;

namespace Streaming.Pipeline.Processing;

/// <summary>
/// The headers a dead-lettered record carries: why it was refused and where it came from. The
/// value and key are the original bytes, untouched, so the record can be repaired and replayed.
/// </summary>
public static class DeadLetter
{
    /// <summary>Header with the human-readable reason.</summary>
    public const string ReasonHeader = "dlq.reason";

    /// <summary>Header with the decode status (Malformed, UnknownSchemaVersion, OutOfRange, ...).</summary>
    public const string StatusHeader = "dlq.status";

    /// <summary>Header with the source topic.</summary>
    public const string TopicHeader = "dlq.source.topic";

    /// <summary>Header with the source partition.</summary>
    public const string PartitionHeader = "dlq.source.partition";

    /// <summary>Header with the source offset.</summary>
    public const string OffsetHeader = "dlq.source.offset";

    /// <summary>Builds the headers for a record refused at <paramref name="source"/>.</summary>
    public static Headers Headers(TopicPartitionOffset source, string status, string reason) => new()
    {
        { ReasonHeader, Encoding.UTF8.GetBytes(reason) },
        { StatusHeader, Encoding.UTF8.GetBytes(status) },
        { TopicHeader, Encoding.UTF8.GetBytes(source.Topic) },
        { PartitionHeader, Encoding.UTF8.GetBytes(source.Partition.Value.ToString(CultureInfo.InvariantCulture)) },
        { OffsetHeader, Encoding.UTF8.GetBytes(source.Offset.Value.ToString(CultureInfo.InvariantCulture)) },
    };

    /// <summary>Reads a header written by <see cref="Headers"/>, or null when absent.</summary>
    public static string? Read(Headers headers, string name) =>
        headers.TryGetLastBytes(name, out var bytes) ? Encoding.UTF8.GetString(bytes) : null;
}

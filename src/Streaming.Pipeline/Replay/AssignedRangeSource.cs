using Akka;
using Akka.Streams.Dsl;
using Streaming.Kafka.Consumer;

namespace Streaming.Pipeline.Replay;

/// <summary>
/// The source of a replay: one <see cref="PartitionSource"/> per partition of a
/// <see cref="ReplayRange"/>, each read by its own consumer with manual assignment (Assign, never
/// Subscribe: no group is joined, no member of the production group moves, nothing is committed)
/// from the range's start, and completed when it reaches the range's end. Each reader runs on its
/// own thread and hands records over through a bounded channel, so a slow partition holds at most
/// <c>buffer</c> records and its consumer simply stops fetching (backpressure without pausing).
/// </summary>
public static class AssignedRangeSource
{
    /// <summary>Default records buffered per partition.</summary>
    public const int DefaultBuffer = 1_024;

    /// <summary>Creates the partitions' source and its control; materialize the source once (that starts the readers).</summary>
    public static (Source<PartitionSource, NotUsed> Partitions, IKafkaConsumerControl Control) Create(string bootstrapServers, ReplayRange range, int buffer = DefaultBuffer)
    {
        range.EnsureValid();
        ArgumentOutOfRangeException.ThrowIfLessThan(buffer, 1);
        var control = new RangeConsumerControl(bootstrapServers, range, buffer);
        var partitions = control.Readers
            .Select(reader => new PartitionSource(reader.Partition, ChannelSource.FromReader(reader.Records)))
            .ToList();
        return (Source.From(partitions).MapMaterializedValue(_ =>
        {
            control.Start();
            return NotUsed.Instance;
        }), control);
    }
}

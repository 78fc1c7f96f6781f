using Streaming.Core.Events;
using Streaming.Core.Schemas;
using Streaming.Kafka.Producer;
using Streaming.Pipeline.Datasets;
using Streaming.Pipeline.Processing;
using Xunit;

namespace Streaming.Pipeline.Tests;

public sealed class DeadLetterTests
{
    [Fact]
    public async Task Malformed_unknown_version_and_out_of_range_records_go_to_the_dlq_with_reasons_and_the_stream_goes_on()
    {
        await using var bed = new PipelineTestBed(partitions: 3);
        var events = PipelineTestBed.Dataset(interactions: 3_000, users: 60, seed: 3);
        var codec = new EventCodec();
        var valid = codec.Encode(events.First(e => e.IsInteraction).Interaction!);
        var unknownVersion = (byte[])valid.Clone();
        unknownVersion[EventFrame.VersionOffset] = 99;
        var unknownType = (byte[])valid.Clone();
        unknownType[EventFrame.TypeOffset] = 77;
        var template = events.First(e => e.IsInteraction).Interaction!;
        var bad = new (string Status, byte[] Payload)[]
        {
            ("Malformed", [0xDE, 0xAD, 0xBE, 0xEF, 0x01, 0x02]),
            ("Malformed", valid[..(valid.Length / 2)]),
            ("Malformed", []),
            ("UnknownSchemaVersion", unknownVersion),
            ("UnknownType", unknownType),
            ("OutOfRange", codec.Encode(template with { EventId = "neg-duration", DurationMs = -5 })),
            ("OutOfRange", codec.Encode(template with { EventId = "ancient", TsMs = 1_000 })),
            ("OutOfRange", codec.Encode(template with { EventId = "future", TsMs = DateTimeOffset.UtcNow.AddDays(3).ToUnixTimeMilliseconds() })),
        };

        // The bad records are spread through the good ones, on the keys of real users.
        var records = new List<ProducerRecord>();
        var every = events.Count / (bad.Length + 1);
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            records.Add(new ProducerRecord(bed.Options.EventsTopic, UserKey.Encode(e.UserId),
                e.Interaction is { } interaction ? codec.Encode(interaction) : codec.Encode(e.Request!)));
            if (i % every == every - 1 && i / every < bad.Length)
            {
                records.Add(new ProducerRecord(bed.Options.EventsTopic, UserKey.Encode(e.UserId), bad[i / every].Payload));
            }
        }
        await DatasetPublisher.PublishRawAsync(records, bed.ProducerSettings, bed.Runtime.Materializer);

        await using (var node = bed.StartNode())
        {
            await bed.WaitCaughtUp(node);
            Assert.Equal(bad.Length, node.Pipeline.Metrics.DeadLettered);
            await node.DrainAsync();
        }

        var dead = TopicReader.ReadAll(bed.Broker.BootstrapServers, bed.Options.DeadLetterTopic, bed.Options.Partitions);
        Assert.Equal(bad.Length, dead.Count);
        var source = TopicReader.ReadAll(bed.Broker.BootstrapServers, bed.Options.EventsTopic, bed.Options.Partitions)
            .ToDictionary(r => (r.Partition.Value, r.Offset.Value));
        foreach (var record in dead)
        {
            var partition = int.Parse(DeadLetter.Read(record.Message.Headers, DeadLetter.PartitionHeader)!, System.Globalization.CultureInfo.InvariantCulture);
            var offset = long.Parse(DeadLetter.Read(record.Message.Headers, DeadLetter.OffsetHeader)!, System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(bed.Options.EventsTopic, DeadLetter.Read(record.Message.Headers, DeadLetter.TopicHeader));
            Assert.False(string.IsNullOrWhiteSpace(DeadLetter.Read(record.Message.Headers, DeadLetter.ReasonHeader)));
            // The dead letter carries the original bytes of the record at the offset it names.
            Assert.Equal(source[(partition, offset)].Message.Value, record.Message.Value);
        }
        var statuses = dead.Select(r => DeadLetter.Read(r.Message.Headers, DeadLetter.StatusHeader)).Order().ToList();
        Assert.Equal(bad.Select(b => b.Status).Order(), statuses);

        bed.AssertStoreEquals(bed.ReferenceStates(events));
    }
}

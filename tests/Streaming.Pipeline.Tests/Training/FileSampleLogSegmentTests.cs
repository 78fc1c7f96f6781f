using Confluent.Kafka;
using Streaming.Kafka.Producer;
using Streaming.Pipeline.Training;
using Xunit;

namespace Streaming.Pipeline.Tests.Training;

public sealed class FileSampleLogSegmentTests : IDisposable
{
    private static readonly TopicPartition s_source = new("events", 3);
    private readonly string _root = Path.Combine(Path.GetTempPath(), "streaming-sample-log-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private static byte[] Record(int checkpoint, int index) =>
        [.. Enumerable.Range(0, 200 + index).Select(i => (byte)((i * 7) + checkpoint + index))];

    private static async Task WriteCheckpoints(FileSampleLog log, int from, int count, int records = 5)
    {
        for (var c = from; c < from + count; c++)
        {
            var sink = log.Open(s_source, new DeliveryBarrier());
            for (var i = 0; i < records; i++)
            {
                sink.Append(userId: 1, Record(c, i));
            }
            await sink.CompleteAsync(CancellationToken.None);
        }
    }

    private string[] Segments() => Directory.GetFiles(FileSampleLog.PartitionFolder(_root, "events", 3), "*" + SampleSegment.Extension).Order(StringComparer.Ordinal).ToArray();

    private static List<byte[]> Read(string segment, Action<int>? torn = null)
    {
        using var stream = File.OpenRead(segment);
        return SampleSegment.ReadPayloads(stream, segment, torn).ToList();
    }

    [Fact]
    public async Task Blocks_read_back_in_order_and_an_empty_checkpoint_writes_nothing()
    {
        using (var log = new FileSampleLog(_root, TrainingOptions.Default))
        {
            await WriteCheckpoints(log, 0, 3);
            await log.Open(s_source, new DeliveryBarrier()).CompleteAsync(CancellationToken.None);
            Assert.Equal(new FileInfo(Segments().Single()).Length, log.Counters.StoredBytes);
        }
        var expected = Enumerable.Range(0, 3).SelectMany(c => Enumerable.Range(0, 5).Select(i => Record(c, i))).ToList();
        Assert.Equal(expected, Read(Segments().Single()));
    }

    [Fact]
    public async Task Every_start_writes_a_new_segment_and_a_full_one_rolls_over()
    {
        var small = TrainingOptions.Default with { SegmentBytes = 1 << 16, Compression = System.IO.Compression.CompressionLevel.NoCompression };
        using (var log = new FileSampleLog(_root, small))
        {
            await WriteCheckpoints(log, 0, 2);
        }
        using (var log = new FileSampleLog(_root, small))
        {
            // About 1.1 KB a checkpoint uncompressed: 64 KiB fills after some 60 of them.
            await WriteCheckpoints(log, 2, 100);
        }
        var segments = Segments();
        Assert.Equal(["00000001.slog", "00000002.slog", "00000003.slog"], segments.Select(Path.GetFileName));
        Assert.Equal(2 * 5, Read(segments[0]).Count);
        Assert.Equal(100 * 5, Read(segments[1]).Count + Read(segments[2]).Count);
        Assert.InRange(new FileInfo(segments[1]).Length, small.SegmentBytes, small.SegmentBytes + 2_000);
    }

    [Fact]
    public async Task A_torn_last_block_is_dropped_at_every_cut_and_the_blocks_before_it_are_kept()
    {
        using (var log = new FileSampleLog(_root, TrainingOptions.Default))
        {
            await WriteCheckpoints(log, 0, 3);
        }
        var segment = Segments().Single();
        var whole = File.ReadAllBytes(segment);
        var beforeLast = whole.Length - LastBlockLength(whole);
        for (var cut = beforeLast + 1; cut < whole.Length; cut++)
        {
            File.WriteAllBytes(segment, whole[..cut]);
            var torn = new List<int>();
            var payloads = Read(segment, torn.Add);
            Assert.Equal(10, payloads.Count);
            Assert.Equal([2], torn);
        }
        File.WriteAllBytes(segment, whole[..3]);
        var headerTorn = new List<int>();
        Assert.Empty(Read(segment, headerTorn.Add));
        Assert.Equal([0], headerTorn);
    }

    [Fact]
    public async Task A_corrupt_block_that_is_not_the_last_is_an_error()
    {
        using (var log = new FileSampleLog(_root, TrainingOptions.Default))
        {
            await WriteCheckpoints(log, 0, 3);
        }
        var segment = Segments().Single();
        var bytes = File.ReadAllBytes(segment);
        bytes[SampleSegment.HeaderLength + SampleSegment.BlockHeaderLength + 10] ^= 0x40;
        File.WriteAllBytes(segment, bytes);
        var error = Assert.Throws<InvalidDataException>(() => Read(segment));
        Assert.Contains("block 0 is corrupt", error.Message);
    }

    [Fact]
    public void A_file_that_is_not_a_segment_is_an_error()
    {
        Directory.CreateDirectory(_root);
        var file = Path.Combine(_root, "x.slog");
        File.WriteAllBytes(file, "NOPE!and more"u8.ToArray());
        Assert.Throws<InvalidDataException>(() => Read(file));
    }

    // Walks the block headers to the last block's total length (header + body).
    private static int LastBlockLength(byte[] segment)
    {
        var at = SampleSegment.HeaderLength;
        var last = 0;
        while (at < segment.Length)
        {
            last = SampleSegment.BlockHeaderLength + System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(segment.AsSpan(at));
            at += last;
        }
        return last;
    }
}

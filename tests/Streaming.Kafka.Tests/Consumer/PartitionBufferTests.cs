using Confluent.Kafka;
using Streaming.Kafka.Consumer;

namespace Streaming.Kafka.Tests.Consumer;

public sealed class PartitionBufferTests
{
    private static readonly TopicPartition s_partition = new("t", 0);

    [Fact]
    public void Reaching_the_pause_threshold_asks_for_one_pause()
    {
        var buffer = new PartitionBuffer(s_partition, pauseThreshold: 3, resumeThreshold: 1);

        Assert.Equal(BufferAddOutcome.Buffered, buffer.Add(Record(0)));
        Assert.Equal(BufferAddOutcome.Buffered, buffer.Add(Record(1)));
        Assert.Equal(BufferAddOutcome.BufferedPauseNow, buffer.Add(Record(2)));
        Assert.Equal(BufferAddOutcome.Buffered, buffer.Add(Record(3)));
        Assert.Equal(4, buffer.Count);
    }

    [Fact]
    public void Draining_to_the_resume_threshold_asks_for_one_resume()
    {
        var buffer = new PartitionBuffer(s_partition, pauseThreshold: 4, resumeThreshold: 1);
        for (var i = 0; i < 4; i++)
        {
            buffer.Add(Record(i));
        }

        var resumes = new List<bool>();
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(BufferTakeOutcome.Record, buffer.TryTake(out var record, out var resume, out _));
            Assert.Equal(i, record!.Offset.Value);
            resumes.Add(resume);
        }

        // 3, 2 left: still above 1; 1 left: resume; 0 left: already resumed.
        Assert.Equal([false, false, true, false], resumes);
        Assert.Equal(4, buffer.EmittedNextOffset);
    }

    [Fact]
    public void Without_a_pause_nothing_asks_for_a_resume()
    {
        var buffer = new PartitionBuffer(s_partition, pauseThreshold: 4, resumeThreshold: 2);
        buffer.Add(Record(0));

        buffer.TryTake(out _, out var resume, out _);

        Assert.False(resume);
    }

    [Fact]
    public void A_waiting_sub_stream_is_woken_by_the_next_record_only()
    {
        var buffer = new PartitionBuffer(s_partition, pauseThreshold: 4, resumeThreshold: 2);
        var wakes = 0;
        Assert.True(buffer.TryAttach(() => wakes++));

        Assert.Equal(BufferTakeOutcome.Empty, buffer.TryTake(out _, out _, out _));
        buffer.Add(Record(0));
        buffer.Add(Record(1));

        Assert.Equal(1, wakes);
    }

    [Fact]
    public void Closing_drops_buffered_records_completes_and_reports_what_was_emitted()
    {
        var buffer = new PartitionBuffer(s_partition, pauseThreshold: 10, resumeThreshold: 2);
        var wakes = 0;
        buffer.TryAttach(() => wakes++);
        buffer.Add(Record(5));
        buffer.Add(Record(6));
        buffer.TryTake(out _, out _, out _);

        var emitted = buffer.Close(null);

        Assert.Equal(6, emitted);
        Assert.Equal(1, wakes);
        Assert.Equal(BufferTakeOutcome.Completed, buffer.TryTake(out _, out _, out _));
        Assert.Equal(BufferAddOutcome.Dropped, buffer.Add(Record(7)));
    }

    [Fact]
    public void Closing_with_a_failure_fails_the_sub_stream()
    {
        var buffer = new PartitionBuffer(s_partition, pauseThreshold: 10, resumeThreshold: 2);
        var failure = new InvalidOperationException("boom");

        Assert.Equal(-1, buffer.Close(failure));

        Assert.Equal(BufferTakeOutcome.Failed, buffer.TryTake(out _, out _, out var reported));
        Assert.Same(failure, reported);
    }

    [Fact]
    public void A_partition_can_be_attached_once()
    {
        var buffer = new PartitionBuffer(s_partition, pauseThreshold: 10, resumeThreshold: 2);

        Assert.True(buffer.TryAttach(() => { }));
        Assert.False(buffer.TryAttach(() => { }));
    }

    private static ConsumeResult<byte[], byte[]> Record(long offset) => new()
    {
        Topic = s_partition.Topic,
        Partition = s_partition.Partition,
        Offset = offset,
        Message = new Message<byte[], byte[]> { Key = [], Value = [] },
    };
}

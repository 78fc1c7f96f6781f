using Confluent.Kafka;
using Streaming.Kafka.Consumer;

namespace Streaming.Kafka.Tests.Consumer;

public sealed class DurableOffsetLedgerTests
{
    private static readonly TopicPartition s_p0 = new("t", 0);
    private static readonly TopicPartition s_p1 = new("t", 1);

    [Fact]
    public void Marks_only_move_forward()
    {
        var ledger = new DurableOffsetLedger();
        ledger.Track(s_p0);

        Assert.True(ledger.Mark(s_p0, 10));
        Assert.False(ledger.Mark(s_p0, 4));
        Assert.False(ledger.Mark(s_p0, 10));
        Assert.True(ledger.Mark(s_p0, 11));

        Assert.Equal((11L, -1L), ledger.Read(s_p0));
    }

    [Fact]
    public void Marks_for_partitions_not_owned_are_ignored()
    {
        var ledger = new DurableOffsetLedger();
        ledger.Track(s_p0);
        ledger.Untrack(s_p0);

        Assert.False(ledger.Mark(s_p0, 5));
        Assert.False(ledger.Mark(s_p1, 5));

        var uncommitted = new List<TopicPartitionOffset>();
        ledger.CollectUncommitted(null, uncommitted);
        Assert.Empty(uncommitted);
    }

    [Fact]
    public void Only_durable_offsets_above_the_committed_ones_are_collected()
    {
        var ledger = new DurableOffsetLedger();
        ledger.Track(s_p0);
        ledger.Track(s_p1);
        ledger.Mark(s_p0, 20);
        ledger.Mark(s_p1, 7);
        ledger.RecordCommitted(s_p1, 7);

        var uncommitted = new List<TopicPartitionOffset>();
        ledger.CollectUncommitted(null, uncommitted);

        Assert.Equal([new TopicPartitionOffset(s_p0, 20)], uncommitted);
    }

    [Fact]
    public void Pending_records_count_how_far_marks_advanced_since_the_last_collection()
    {
        var ledger = new DurableOffsetLedger();
        ledger.Track(s_p0);
        ledger.Mark(s_p0, 1);
        ledger.Mark(s_p0, 31);
        Assert.Equal(31, ledger.PendingRecords);

        ledger.CollectUncommitted(null, []);
        Assert.Equal(0, ledger.PendingRecords);
    }

    [Fact]
    public async Task Waiting_ends_when_marks_reach_their_targets()
    {
        var ledger = new DurableOffsetLedger();
        ledger.Track(s_p0);
        ledger.Track(s_p1);
        var marker = Task.Run(() =>
        {
            ledger.Mark(s_p0, 5);
            ledger.Mark(s_p1, 9);
        });

        var behind = ledger.WaitUntilDurable([new DurableOffset(s_p0, 5), new DurableOffset(s_p1, 9)], TimeSpan.FromSeconds(30));

        await marker;
        Assert.Empty(behind);
    }

    [Fact]
    public void Waiting_reports_the_partitions_still_behind_when_the_bound_passes()
    {
        var ledger = new DurableOffsetLedger();
        ledger.Track(s_p0);
        ledger.Track(s_p1);
        ledger.Mark(s_p0, 5);
        ledger.Mark(s_p1, 3);

        var behind = ledger.WaitUntilDurable([new DurableOffset(s_p0, 5), new DurableOffset(s_p1, 9)], TimeSpan.Zero);

        Assert.Equal([s_p1], behind);
    }
}

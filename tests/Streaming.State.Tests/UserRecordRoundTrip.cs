using Xunit;
using static Streaming.State.Tests.Batches;

namespace Streaming.State.Tests;

public sealed class UserRecordRoundTrip
{
    [Fact]
    public void States_of_every_size_come_back_byte_for_byte()
    {
        using var folder = new TempFolder();
        using var store = folder.Open(sync: false);
        var random = new Random(11);
        var sizes = new[] { 0, 1, 127, 128, 16_383, 16_384, 1 << 20 };
        var written = sizes.Select((size, i) =>
        {
            var state = new byte[size];
            random.NextBytes(state);
            return new UserWrite(i + 1, 1_000 + i, state);
        }).ToArray();

        store.Commit(new StateBatch(Topic, 7, null, long.MaxValue, written));

        foreach (var w in written)
        {
            AtomicCommit.AssertUser(store, w.UserId, w.AppliedOffset, 7, w.State.ToArray());
        }
    }

    [Fact]
    public void Extreme_ids_and_offsets_round_trip_and_list_in_numeric_order()
    {
        using var folder = new TempFolder();
        using var store = folder.Open(sync: false);
        long[] ids = [long.MaxValue, 0, -1, long.MinValue, 1, 256, -256];
        store.Commit(new StateBatch(Topic, int.MaxValue, null, long.MaxValue, ids.Select(id => new UserWrite(id, long.MaxValue - 1, new byte[] { (byte)(id & 0xFF) })).ToArray()));

        Assert.Equal(ids.Order(), store.UserIds());
        foreach (var id in ids)
        {
            AtomicCommit.AssertUser(store, id, long.MaxValue - 1, int.MaxValue, [(byte)(id & 0xFF)]);
        }
        Assert.Equal(long.MaxValue, store.ReadOffset(Topic, int.MaxValue));
    }

    [Fact]
    public void An_unknown_user_reads_as_null()
    {
        using var folder = new TempFolder();
        using var store = folder.Open();
        store.Commit(Of(0, null, 10, User(1, 9)));
        Assert.Null(store.ReadUser(2));
    }

    [Fact]
    public void The_caller_may_reuse_its_state_buffer_after_the_commit()
    {
        using var folder = new TempFolder();
        using var store = folder.Open();
        var buffer = new byte[] { 1, 2, 3 };
        store.Commit(Of(0, null, 10, new UserWrite(1, 9, buffer)));
        buffer[0] = 99;
        AtomicCommit.AssertUser(store, 1, 9, 0, [1, 2, 3]);
    }
}

using Xunit;
using static Streaming.State.Tests.Batches;

namespace Streaming.State.Tests;

public sealed class AtomicCommit
{
    [Fact]
    public void A_committed_batch_shows_all_its_users_and_its_offset()
    {
        using var folder = new TempFolder();
        using var store = folder.Open();

        var result = store.Commit(Of(3, null, 100, User(1, 97, 1, 2), User(2, 99, 3), User(5, 50)));

        Assert.Equal(CommitResult.Committed, result);
        Assert.Equal(100, store.ReadOffset(Topic, 3));
        AssertUser(store, 1, 97, 3, [1, 2]);
        AssertUser(store, 2, 99, 3, [3]);
        AssertUser(store, 5, 50, 3, []);
        Assert.Equal([1L, 2, 5], store.UserIds());
    }

    [Fact]
    public void A_fenced_batch_writes_none_of_its_users()
    {
        using var folder = new TempFolder();
        using var store = folder.Open();
        Assert.Equal(CommitResult.Committed, store.Commit(Of(0, null, 10, User(1, 9, 1))));

        Assert.Equal(CommitResult.Fenced, store.Commit(Of(0, 7, 20, User(1, 19, 2), User(2, 15, 2))));

        Assert.Equal(10, store.ReadOffset(Topic, 0));
        AssertUser(store, 1, 9, 0, [1]);
        Assert.Null(store.ReadUser(2));
    }

    [Fact]
    public void A_later_batch_replaces_users_and_moves_the_offset()
    {
        using var folder = new TempFolder();
        using var store = folder.Open();
        store.Commit(Of(1, null, 10, User(1, 9, 1), User(2, 5, 2)));

        Assert.Equal(CommitResult.Committed, store.Commit(Of(1, 10, 25, User(1, 24, 9, 9))));

        Assert.Equal(25, store.ReadOffset(Topic, 1));
        AssertUser(store, 1, 24, 1, [9, 9]);
        AssertUser(store, 2, 5, 1, [2]); // untouched by the second batch
    }

    [Fact]
    public void An_offset_only_batch_moves_the_offset()
    {
        using var folder = new TempFolder();
        using var store = folder.Open();
        Assert.Equal(CommitResult.Committed, store.Commit(Of(2, null, 40)));
        Assert.Equal(40, store.ReadOffset(Topic, 2));
        Assert.Empty(store.UserIds());
    }

    [Fact]
    public void Partitions_and_topics_keep_separate_offsets()
    {
        using var folder = new TempFolder();
        using var store = folder.Open();
        store.Commit(Of(0, null, 5));
        store.Commit(Of(1, null, 7));
        store.Commit(new StateBatch("requests", 0, null, 9, []));

        Assert.Equal(5, store.ReadOffset(Topic, 0));
        Assert.Equal(7, store.ReadOffset(Topic, 1));
        Assert.Equal(9, store.ReadOffset("requests", 0));
        Assert.Null(store.ReadOffset(Topic, 2));
        Assert.Null(store.ReadOffset("interactions.dlq", 0));
    }

    internal static void AssertUser(IStateStore store, long id, long applied, int partition, byte[] state)
    {
        var user = store.ReadUser(id);
        Assert.NotNull(user);
        Assert.Equal(applied, user.Value.AppliedOffset);
        Assert.Equal(partition, user.Value.Partition);
        Assert.Equal(state, user.Value.State.ToArray());
    }
}

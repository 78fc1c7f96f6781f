using Xunit;
using static Streaming.State.Tests.Batches;

namespace Streaming.State.Tests;

public sealed class ReopenDurability
{
    [Fact]
    public void Committed_users_and_offsets_survive_closing_and_reopening()
    {
        using var folder = new TempFolder();
        using (var store = folder.Open())
        {
            store.Commit(Of(0, null, 10, User(1, 9, 1, 2, 3)));
            store.Commit(Of(1, null, 30, User(2, 29, 4)));
            store.Commit(Of(0, 10, 20, User(3, 19, 5)));
        }

        using var reopened = folder.Open();
        Assert.Equal(20, reopened.ReadOffset(Topic, 0));
        Assert.Equal(30, reopened.ReadOffset(Topic, 1));
        AtomicCommit.AssertUser(reopened, 1, 9, 0, [1, 2, 3]);
        AtomicCommit.AssertUser(reopened, 2, 29, 1, [4]);
        AtomicCommit.AssertUser(reopened, 3, 19, 0, [5]);
        Assert.Equal([1L, 2, 3], reopened.UserIds());
    }

    [Fact]
    public void Fencing_holds_across_a_reopen()
    {
        using var folder = new TempFolder();
        using (var store = folder.Open())
        {
            store.Commit(Of(0, null, 10));
        }
        using var reopened = folder.Open();
        Assert.Equal(Streaming.State.CommitResult.Fenced, reopened.Commit(Of(0, null, 15)));
        Assert.Equal(Streaming.State.CommitResult.Committed, reopened.Commit(Of(0, 10, 15)));
    }

    [Fact]
    public void Unsynced_commits_also_survive_a_clean_close()
    {
        using var folder = new TempFolder();
        using (var store = folder.Open(sync: false))
        {
            store.Commit(Of(0, null, 10, User(1, 9, 1)));
        }
        using var reopened = folder.Open();
        Assert.Equal(10, reopened.ReadOffset(Topic, 0));
    }
}

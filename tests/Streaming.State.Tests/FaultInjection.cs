using Xunit;
using static Streaming.State.Tests.Batches;

namespace Streaming.State.Tests;

public sealed class FaultInjection
{
    [Fact]
    public void Failed_commits_throw_disk_full_and_write_nothing_until_cleared()
    {
        using var folder = new TempFolder();
        using var store = new FaultInjectingStateStore(folder.Open());
        store.FailCommits();

        for (var i = 0; i < 3; i++)
        {
            var error = Assert.Throws<IOException>(() => store.Commit(Of(0, null, 10, User(1, 9, 1))));
            Assert.Equal("injected: disk full", error.Message);
        }
        Assert.Equal(3, store.InjectedFailures);
        Assert.Null(store.ReadOffset(Topic, 0));
        Assert.Null(store.ReadUser(1));

        store.ClearFaults();
        Assert.Equal(CommitResult.Committed, store.Commit(Of(0, null, 10, User(1, 9, 1))));
        Assert.Equal(10, store.ReadOffset(Topic, 0));
        Assert.Equal(3, store.InjectedFailures);
    }

    [Fact]
    public void A_lost_acknowledgement_writes_and_then_fences_the_retry()
    {
        using var folder = new TempFolder();
        using var store = new FaultInjectingStateStore(folder.Open());
        store.FailCommits(CommitFault.AfterWrite);

        var error = Assert.Throws<IOException>(() => store.Commit(Of(0, null, 10, User(1, 9, 1))));
        Assert.Equal(FaultInjectingStateStore.LostAcknowledgementMessage, error.Message);
        store.ClearFaults();

        // The write landed: retrying the same batch is fenced, and the stored offset says where to resume.
        Assert.Equal(CommitResult.Fenced, store.Commit(Of(0, null, 10, User(1, 9, 1))));
        Assert.Equal(10, store.ReadOffset(Topic, 0));
        AtomicCommit.AssertUser(store, 1, 9, 0, [1]);
    }

    [Fact]
    public void Reads_and_namespace_pass_through_while_commits_fail()
    {
        using var folder = new TempFolder();
        var inner = folder.Open("chaos");
        inner.Commit(Of(0, null, 10, User(1, 9, 1)));
        using var store = new FaultInjectingStateStore(inner);
        store.FailCommits();

        Assert.Equal("chaos", store.Namespace);
        Assert.Equal(CommitFault.BeforeWrite, store.Fault);
        Assert.Equal(10, store.ReadOffset(Topic, 0));
        Assert.Equal([1L], store.UserIds());
        AtomicCommit.AssertUser(store, 1, 9, 0, [1]);
    }

    [Fact]
    public void Disposing_the_wrapper_disposes_the_real_store()
    {
        using var folder = new TempFolder();
        var inner = folder.Open();
        new FaultInjectingStateStore(inner).Dispose();
        Assert.Throws<ObjectDisposedException>(() => inner.ReadOffset(Topic, 0));
    }
}

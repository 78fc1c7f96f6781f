using Xunit;
using static Streaming.State.Tests.Batches;

namespace Streaming.State.Tests;

public sealed class NamespaceIsolation
{
    [Fact]
    public void Two_namespaces_of_one_database_do_not_see_each_other()
    {
        using var folder = new TempFolder();
        using var prod = folder.Open();
        using var replay = prod.WithNamespace("replay-1");

        Assert.Equal(CommitResult.Committed, prod.Commit(Of(0, null, 10, User(1, 9, 1), User(2, 8, 2))));
        // The replay's first commit expects no offset: production's does not count for it.
        Assert.Equal(CommitResult.Committed, replay.Commit(Of(0, null, 4, User(1, 3, 7))));

        Assert.Equal(10, prod.ReadOffset(Topic, 0));
        Assert.Equal(4, replay.ReadOffset(Topic, 0));
        AtomicCommit.AssertUser(prod, 1, 9, 0, [1]);
        AtomicCommit.AssertUser(replay, 1, 3, 0, [7]);
        Assert.Null(replay.ReadUser(2));
        Assert.Equal([1L, 2], prod.UserIds());
        Assert.Equal([1L], replay.UserIds());
    }

    [Fact]
    public void A_namespace_that_extends_another_name_is_still_separate()
    {
        using var folder = new TempFolder();
        using var a = folder.Open("prod");
        using var b = a.WithNamespace("prod2");
        b.Commit(Of(0, null, 5, User(long.MaxValue, 4, 1)));
        Assert.Empty(a.UserIds());
        Assert.Null(a.ReadOffset(Topic, 0));
        Assert.Equal([long.MaxValue], b.UserIds());
    }

    [Fact]
    public void A_namespace_reopened_from_options_finds_its_own_records()
    {
        using var folder = new TempFolder();
        using (var prod = folder.Open())
        using (var replay = prod.WithNamespace("replay"))
        {
            prod.Commit(Of(0, null, 10, User(1, 9, 1)));
            replay.Commit(Of(0, null, 3, User(9, 2, 9)));
        }
        using var reopened = folder.Open("replay");
        Assert.Equal("replay", reopened.Namespace);
        Assert.Equal(3, reopened.ReadOffset(Topic, 0));
        Assert.Equal([9L], reopened.UserIds());
    }

    [Fact]
    public void The_database_stays_open_until_the_last_view_is_disposed()
    {
        using var folder = new TempFolder();
        var prod = folder.Open();
        using var replay = prod.WithNamespace("replay");
        prod.Dispose();
        Assert.Throws<ObjectDisposedException>(() => prod.ReadOffset(Topic, 0));
        Assert.Equal(CommitResult.Committed, replay.Commit(Of(0, null, 1)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a\0b")]
    [InlineData("with space")]
    [InlineData("ünïcode")]
    public void Namespaces_outside_the_safe_alphabet_are_refused(string ns)
    {
        using var folder = new TempFolder();
        Assert.Throws<ArgumentException>(() => folder.Open(ns));
    }

    [Fact]
    public void The_default_namespace_is_prod()
    {
        using var folder = new TempFolder();
        using var store = new RocksDbStateStore(new RocksDbStoreOptions { Path = folder.Db });
        Assert.Equal("prod", store.Namespace);
    }
}

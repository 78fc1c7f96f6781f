using Xunit;
using static Streaming.State.Tests.Batches;

namespace Streaming.State.Tests;

public sealed class CompareAndSetFencing
{
    [Fact]
    public void The_first_commit_expects_no_stored_offset()
    {
        using var folder = new TempFolder();
        using var store = folder.Open();
        Assert.Equal(CommitResult.Fenced, store.Commit(Of(0, 0, 10)));
        Assert.Null(store.ReadOffset(Topic, 0));
        Assert.Equal(CommitResult.Committed, store.Commit(Of(0, null, 10)));
    }

    [Fact]
    public void A_commit_expecting_a_stale_offset_is_fenced()
    {
        using var folder = new TempFolder();
        using var store = folder.Open();
        Assert.Equal(CommitResult.Committed, store.Commit(Of(0, null, 10)));
        Assert.Equal(CommitResult.Committed, store.Commit(Of(0, 10, 20)));

        // A previous owner that still believes the partition is at 10.
        Assert.Equal(CommitResult.Fenced, store.Commit(Of(0, 10, 30, User(1, 29, 1))));
        Assert.Equal(CommitResult.Fenced, store.Commit(Of(0, null, 30)));

        Assert.Equal(20, store.ReadOffset(Topic, 0));
        Assert.Null(store.ReadUser(1));
    }

    [Fact]
    public void Of_concurrent_commits_from_the_same_offset_exactly_one_wins()
    {
        using var folder = new TempFolder();
        using var store = folder.Open(sync: false);
        const int Contenders = 8;
        for (var round = 0; round < 20; round++)
        {
            var expected = round == 0 ? (long?)null : round * 100L;
            var next = (round + 1) * 100L;
            var results = new CommitResult[Contenders];
            using var start = new Barrier(Contenders);
            var threads = Enumerable.Range(0, Contenders).Select(i => new Thread(() =>
            {
                start.SignalAndWait();
                results[i] = store.Commit(Of(0, expected, next, User(i, next - 1, (byte)i)));
            })).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());

            var winner = Assert.Single(Enumerable.Range(0, Contenders), i => results[i] == CommitResult.Committed);
            Assert.Equal(next, store.ReadOffset(Topic, 0));
            // The winner's user carries its own state; no loser's write landed on top.
            Assert.Equal([(byte)winner], store.ReadUser(winner)!.Value.State.ToArray());
            Assert.Equal(next - 1, store.ReadUser(winner)!.Value.AppliedOffset);
            foreach (var loser in Enumerable.Range(0, Contenders).Where(i => i != winner))
            {
                Assert.True((store.ReadUser(loser)?.AppliedOffset ?? -1) < next - 1, $"loser {loser} was written");
            }
        }
    }

    [Fact]
    public void Commits_of_different_partitions_do_not_fence_each_other()
    {
        using var folder = new TempFolder();
        using var store = folder.Open(sync: false);
        Parallel.For(0, 8, p =>
        {
            long? expected = null;
            for (var i = 1; i <= 25; i++)
            {
                Assert.Equal(CommitResult.Committed, store.Commit(Of(p, expected, i * 10L, User((p * 1000) + i, (i * 10L) - 1))));
                expected = i * 10L;
            }
        });
        for (var p = 0; p < 8; p++)
        {
            Assert.Equal(250, store.ReadOffset(Topic, p));
        }
        Assert.Equal(200, store.UserIds().Count());
    }
}

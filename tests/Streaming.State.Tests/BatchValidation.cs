using Xunit;
using static Streaming.State.Tests.Batches;

namespace Streaming.State.Tests;

/// <summary>Batches that cannot be right are caller bugs: they throw and write nothing.</summary>
public sealed class BatchValidation
{
    public static TheoryData<string, StateBatch> Invalid => new()
    {
        { "negative partition", Of(-1, null, 10) },
        { "negative next offset", Of(0, null, -1) },
        { "next offset behind the expected one", Of(0, 20, 10) },
        { "user applied at the next offset", Of(0, null, 10, User(1, 10)) },
        { "user applied at a negative offset", Of(0, null, 10, User(1, -1)) },
        { "user written twice", Of(0, null, 10, User(1, 5), User(1, 6)) },
        { "topic with a separator byte", new StateBatch("a\0b", 0, null, 10, []) },
        { "empty topic", new StateBatch("", 0, null, 10, []) },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Invalid_batches_throw_and_write_nothing(string why, StateBatch batch)
    {
        using var folder = new TempFolder();
        using var store = folder.Open();
        Assert.ThrowsAny<ArgumentException>(() => store.Commit(batch));
        Assert.Empty(store.UserIds());
        Assert.Null(store.ReadOffset(Topic, 0));
        Assert.NotEmpty(why);
    }
}

using RocksDbSharp;
using Xunit;
using static Streaming.State.Tests.Batches;

namespace Streaming.State.Tests;

/// <summary>The bytes on disk are the layout drawn in StateKeys and StateValues.</summary>
public sealed class StoredLayout
{
    [Fact]
    public void Keys_and_values_have_the_documented_bytes()
    {
        using var folder = new TempFolder();
        using (var store = folder.Open("ns"))
        {
            store.Commit(new StateBatch("t", 258, null, 300, [new UserWrite(1, 299, new byte[] { 0xAB })]));
        }

        using var db = RocksDb.Open(new DbOptions(), folder.Db);
        // offset key: "ns" 0 'o' 0 "t" 0 partition 258 big-endian -> value: version 1, zig-zag 300 = 600 = 0xD8 0x04
        Assert.Equal([1, 0xD8, 0x04], db.Get([(byte)'n', (byte)'s', 0, (byte)'o', 0, (byte)'t', 0, 0, 0, 1, 2]));
        // user key: "ns" 0 'u' 0, id 1 with the sign bit flipped -> version 1, zig-zag 299 = 598 = 0xD6 0x04,
        // zig-zag partition 258 = 516 = 0x84 0x04, state length 1, state 0xAB
        Assert.Equal([1, 0xD6, 0x04, 0x84, 0x04, 1, 0xAB], db.Get([(byte)'n', (byte)'s', 0, (byte)'u', 0, 0x80, 0, 0, 0, 0, 0, 0, 1]));
    }

    [Fact]
    public void A_record_with_an_unknown_layout_version_is_corruption()
    {
        using var folder = new TempFolder();
        using (var store = folder.Open())
        {
            store.Commit(Of(0, null, 10, User(1, 9, 1)));
        }
        var key = new byte[] { (byte)'p', (byte)'r', (byte)'o', (byte)'d', 0, (byte)'u', 0, 0x80, 0, 0, 0, 0, 0, 0, 1 };
        using (var db = RocksDb.Open(new DbOptions(), folder.Db))
        {
            var value = db.Get(key);
            value[0] = 9;
            db.Put(key, value);
        }

        using var reopened = folder.Open();
        var error = Assert.Throws<InvalidDataException>(() => reopened.ReadUser(1));
        Assert.Contains("layout version 9", error.Message);
    }
}

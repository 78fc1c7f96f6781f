using Streaming.Core.Features.Vectors;

namespace Streaming.Core.Tests.Features.Vectors;

public sealed class ItemVectorTableTests
{
    private const string Header = "item_id,v0,v1,v2";

    [Fact]
    public void Vectors_are_L2_normalised_when_loaded()
    {
        var table = ItemVectorTable.Load(new StringReader(Header + "\n5,3,0,4\n9,0,-2,0\n"), 3);
        var v = new float[3];
        table.CopyVector(5, v);
        Assert.Equal([0.6f, 0f, 0.8f], v);
        table.CopyVector(9, v);
        Assert.Equal([0f, -1f, 0f], v);
        Assert.Equal(2, table.Count);
    }

    [Fact]
    public void Items_missing_from_the_table_get_their_hash_vector()
    {
        var table = ItemVectorTable.Load(new StringReader(Header + "\n5,3,0,4\n"), 3);
        var fromTable = new float[3];
        var fromHash = new float[3];
        table.CopyVector(77, fromTable);
        new HashItemVectors(3).CopyVector(77, fromHash);
        Assert.False(table.Contains(77));
        Assert.Equal(fromHash, fromTable);
    }

    [Fact]
    public void Blank_lines_and_windows_line_ends_are_accepted()
    {
        var table = ItemVectorTable.Load(new StringReader(Header + "\r\n\r\n5,1,0,0\r\n"), 3);
        Assert.True(table.Contains(5));
    }

    [Theory]
    [InlineData(Header + "\n1,1,0,0\n2,1,0\n", 3, "expected 4 fields, found 3")]
    [InlineData(Header + "\n1,1,0,0,9\n", 2, "more than 4 fields")]
    [InlineData(Header + "\nx,1,0,0\n", 2, "item_id 'x' is not an integer")]
    [InlineData(Header + "\n1,1,abc,0\n", 2, "v1 'abc' is not a finite number")]
    [InlineData(Header + "\n1,1,NaN,0\n", 2, "v1 'NaN' is not a finite number")]
    [InlineData(Header + "\n1,0,0,0\n", 2, "is zero")]
    [InlineData(Header + "\n1,1,0,0\n\n1,0,1,0\n", 4, "listed a second time")]
    [InlineData("item_id,v0,v1\n1,1,0\n", 1, "expected the header")]
    [InlineData("", 1, "empty")]
    public void Malformed_rows_throw_naming_the_line(string csv, int line, string problem)
    {
        var error = Assert.Throws<ItemVectorTableFormatException>(() => ItemVectorTable.Load(new StringReader(csv), 3));
        Assert.Equal(line, error.LineNumber);
        Assert.Contains($"line {line}:", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }
}

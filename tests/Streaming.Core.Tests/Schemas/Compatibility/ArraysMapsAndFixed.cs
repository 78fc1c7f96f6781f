using Streaming.Core.Schemas.Compatibility;
using static Streaming.Core.Tests.Schemas.Compatibility.Avsc;

namespace Streaming.Core.Tests.Schemas.Compatibility;

/// <summary>Spec: arrays resolve by items, maps by values; fixed types need the same size and name.</summary>
public sealed class ArraysMapsAndFixed
{
    [Fact]
    public void Arrays_resolve_by_their_items()
    {
        Resolves("""{ "type": "array", "items": "double" }""", """{ "type": "array", "items": "float" }""");
        var issue = Single(Record("R", Field("xs", """{ "type": "array", "items": "int" }""")), Record("R", Field("xs", """{ "type": "array", "items": "string" }""")));
        Assert.Equal("xs[]", issue.Path);
        Assert.Equal(ResolutionRule.TypeMismatch, issue.Rule);
    }

    [Fact]
    public void Array_items_that_are_records_get_item_paths()
    {
        var reader = Record("R", Field("candidates", """{ "type": "array", "items": { "type": "record", "name": "C", "fields": [ { "name": "item_id", "type": "long" }, { "name": "surface", "type": "string" } ] } }"""));
        var writer = Record("R", Field("candidates", """{ "type": "array", "items": { "type": "record", "name": "C", "fields": [ { "name": "item_id", "type": "long" } ] } }"""));
        var issue = Single(reader, writer);
        Assert.Equal("candidates[].surface", issue.Path);
        Assert.Equal("reader field 'candidates[].surface' (vR) has no default and is missing in writer vW", issue.Detail);
    }

    [Fact]
    public void Maps_resolve_by_their_values()
    {
        Resolves("""{ "type": "map", "values": "long" }""", """{ "type": "map", "values": "int" }""");
        Assert.Equal("{}", Single("""{ "type": "map", "values": "int" }""", """{ "type": "map", "values": "long" }""").Path);
    }

    [Fact]
    public void An_array_does_not_read_a_map() =>
        Assert.Equal(ResolutionRule.TypeMismatch, Single("""{ "type": "array", "items": "int" }""", """{ "type": "map", "values": "int" }""").Rule);

    [Fact]
    public void Fixed_types_need_the_same_size()
    {
        Resolves("""{ "type": "fixed", "name": "Hash", "size": 16 }""", """{ "type": "fixed", "name": "Hash", "size": 16 }""");
        var issue = Single("""{ "type": "fixed", "name": "Hash", "size": 16 }""", """{ "type": "fixed", "name": "Hash", "size": 32 }""");
        Assert.Equal(ResolutionRule.FixedSizeMismatch, issue.Rule);
        Assert.Contains("32 bytes", issue.Detail);
    }

    [Fact]
    public void Fixed_types_need_the_same_name_or_an_alias()
    {
        Assert.Equal(ResolutionRule.NameMismatch, Single("""{ "type": "fixed", "name": "Md5", "size": 16 }""", """{ "type": "fixed", "name": "Hash", "size": 16 }""").Rule);
        Resolves("""{ "type": "fixed", "name": "Md5", "aliases": ["Hash"], "size": 16 }""", """{ "type": "fixed", "name": "Hash", "size": 16 }""");
    }
}

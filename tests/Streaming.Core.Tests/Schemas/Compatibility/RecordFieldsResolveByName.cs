using Streaming.Core.Schemas.Compatibility;
using static Streaming.Core.Tests.Schemas.Compatibility.Avsc;

namespace Streaming.Core.Tests.Schemas.Compatibility;

/// <summary>Spec: record fields match by name (reader aliases too), in any order; a reader field the writer lacks needs a default; writer extras are ignored.</summary>
public sealed class RecordFieldsResolveByName
{
    [Fact]
    public void A_reader_field_missing_in_the_writer_without_default_is_reported_with_its_path()
    {
        var issue = Single(Record("R", Field("a", Quote("int")), Field("b", Quote("int"))), Record("R", Field("a", Quote("int"))));
        Assert.Equal("b", issue.Path);
        Assert.Equal(ResolutionRule.MissingDefault, issue.Rule);
        Assert.Equal("reader field 'b' (vR) has no default and is missing in writer vW", issue.Detail);
    }

    [Fact]
    public void A_reader_field_missing_in_the_writer_with_a_default_resolves() =>
        Resolves(Record("R", Field("a", Quote("int")), Field("b", "[\"null\", \"string\"]", "null")), Record("R", Field("a", Quote("int"))));

    [Fact]
    public void A_writer_field_the_reader_lacks_is_ignored() =>
        Resolves(Record("R", Field("a", Quote("int"))), Record("R", Field("a", Quote("int")), Field("gone", Quote("string"))));

    [Fact]
    public void Field_order_does_not_matter() =>
        Resolves(Record("R", Field("b", Quote("long")), Field("a", Quote("string"))), Record("R", Field("a", Quote("string")), Field("b", Quote("int"))));

    [Fact]
    public void A_reader_field_alias_reads_the_writer_field_of_that_name() =>
        Resolves(Record("R", """{ "name": "tab_id", "aliases": ["tab"], "type": "int" }"""), Record("R", Field("tab", Quote("int"))));

    [Fact]
    public void Nested_record_fields_are_resolved_with_a_dotted_path()
    {
        var reader = Record("R", Field("inner", Record("I", Field("x", Quote("int")), Field("y", Quote("int")))));
        var writer = Record("R", Field("inner", Record("I", Field("x", Quote("int")))));
        var issue = Single(reader, writer);
        Assert.Equal("inner.y", issue.Path);
        Assert.Equal(ResolutionRule.MissingDefault, issue.Rule);
    }

    [Fact]
    public void Every_problem_of_a_pair_is_reported()
    {
        var reader = Record("R", Field("a", Quote("int")), Field("b", Quote("int")), Field("c", Quote("boolean")));
        var writer = Record("R", Field("c", Quote("string")));
        var issues = Resolve(reader, writer);
        Assert.Equal(["a", "b", "c"], issues.Select(i => i.Path));
        Assert.Equal([ResolutionRule.MissingDefault, ResolutionRule.MissingDefault, ResolutionRule.TypeMismatch], issues.Select(i => i.Rule));
    }

    [Fact]
    public void A_recursive_record_resolves_without_looping()
    {
        var reader = """{ "type": "record", "name": "Node", "fields": [ { "name": "v", "type": "long" }, { "name": "next", "type": ["null", "Node"], "default": null } ] }""";
        var writer = """{ "type": "record", "name": "Node", "fields": [ { "name": "v", "type": "int" }, { "name": "next", "type": ["null", "Node"] } ] }""";
        Resolves(reader, writer);
        var issue = Single(writer, reader);
        Assert.Equal("v", issue.Path);
        Assert.Equal(ResolutionRule.TypeMismatch, issue.Rule);
    }
}

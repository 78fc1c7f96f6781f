using Streaming.Core.Schemas.Compatibility;
using static Streaming.Core.Tests.Schemas.Compatibility.Avsc;

namespace Streaming.Core.Tests.Schemas.Compatibility;

/// <summary>Spec: records, enums and fixed types resolve when their unqualified names match, or a reader alias names the writer's type.</summary>
public sealed class NamedTypesMatchByUnqualifiedNameOrAlias
{
    private static readonly string s_fields = Field("a", Quote("int"));

    [Fact]
    public void Records_in_different_namespaces_with_the_same_name_resolve() =>
        Resolves(Record("old.events.Interaction", s_fields), Record("streaming.events.Interaction", s_fields));

    [Fact]
    public void Records_with_different_names_do_not_resolve_and_say_why()
    {
        var issue = Single(Record("Exposure", s_fields), Record("Interaction", s_fields));
        Assert.Equal(ResolutionRule.NameMismatch, issue.Rule);
        Assert.Equal("the root is record Interaction in writer vW but record Exposure in reader vR, and no reader alias names Interaction", issue.Detail);
    }

    [Fact]
    public void A_reader_alias_renames_a_record()
    {
        Resolves("""{ "type": "record", "name": "Exposure", "aliases": ["Interaction"], "fields": [ { "name": "a", "type": "int" } ] }""", Record("Interaction", s_fields));
        Resolves("""{ "type": "record", "name": "x.Exposure", "aliases": ["y.Interaction"], "fields": [ { "name": "a", "type": "int" } ] }""", Record("z.Interaction", s_fields));
    }

    [Fact]
    public void A_writer_alias_does_not_help() =>
        Assert.Equal(ResolutionRule.NameMismatch, Single(Record("Exposure", s_fields), """{ "type": "record", "name": "Interaction", "aliases": ["Exposure"], "fields": [ { "name": "a", "type": "int" } ] }""").Rule);

    [Fact]
    public void A_named_type_referenced_by_name_is_the_same_type()
    {
        var schema = """{ "type": "record", "name": "R", "namespace": "n", "fields": [ { "name": "a", "type": { "type": "enum", "name": "E", "symbols": ["X"] } }, { "name": "b", "type": "E" }, { "name": "c", "type": "n.E" } ] }""";
        Resolves(schema, schema);
    }
}

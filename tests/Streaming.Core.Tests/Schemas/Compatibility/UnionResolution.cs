using Streaming.Core.Schemas.Compatibility;
using static Streaming.Core.Tests.Schemas.Compatibility.Avsc;

namespace Streaming.Core.Tests.Schemas.Compatibility;

/// <summary>
/// Spec: a writer union resolves only if each of its branches resolves (against the reader union's
/// first matching branch, or against a non-union reader); a non-union writer needs a matching
/// branch in a reader union.
/// </summary>
public sealed class UnionResolution
{
    [Fact]
    public void A_non_union_writer_resolves_against_a_reader_union_that_has_its_type() =>
        Resolves("""["null", "string"]""", Quote("string"));

    [Fact]
    public void A_non_union_writer_resolves_against_a_promoting_branch() =>
        Resolves("""["null", "double"]""", Quote("int"));

    [Fact]
    public void A_non_union_writer_with_no_matching_reader_branch_is_an_issue()
    {
        var issue = Single("""["null", "string"]""", Quote("int"));
        Assert.Equal(ResolutionRule.NoMatchingReaderBranch, issue.Rule);
        Assert.Equal("the root is int in writer vW but no branch of union [null, string] in reader vR matches it", issue.Detail);
    }

    [Fact]
    public void A_writer_union_resolves_when_every_branch_finds_a_reader_branch() =>
        Resolves("""["null", "long", "string"]""", """["null", "int"]""");

    [Fact]
    public void A_writer_union_branch_without_a_reader_branch_is_an_issue_naming_the_branch()
    {
        var issue = Single(Record("R", Field("x", """["null", "int"]""")), Record("R", Field("x", """["null", "string"]""")));
        Assert.Equal(ResolutionRule.WriterBranchUnresolved, issue.Rule);
        Assert.Equal("x", issue.Path);
        Assert.Contains("its branch string matches nothing", issue.Detail);
    }

    [Fact]
    public void A_writer_union_against_a_non_union_reader_needs_every_branch_to_resolve()
    {
        Resolves(Quote("long"), """["int", "long"]""");
        var issue = Single(Quote("long"), """["null", "long"]""");
        Assert.Equal(ResolutionRule.WriterBranchUnresolved, issue.Rule);
        Assert.Contains("branch null", issue.Detail);
    }

    [Fact]
    public void Making_an_optional_field_required_breaks_old_writers_but_not_new_ones()
    {
        var optional = Record("R", Field("tab", """["null", "int"]""", "null"));
        var required = Record("R", Field("tab", Quote("int")));
        Assert.Equal(ResolutionRule.WriterBranchUnresolved, Single(required, optional).Rule);
        Resolves(optional, required);
    }

    [Fact]
    public void A_record_branch_resolves_by_name_inside_unions()
    {
        var reader = """["null", { "type": "record", "name": "A", "fields": [ { "name": "x", "type": "long" } ] }]""";
        var writer = """["null", { "type": "record", "name": "A", "fields": [ { "name": "x", "type": "int" }, { "name": "y", "type": "int" } ] }]""";
        Resolves(reader, writer);
        var missing = """["null", { "type": "record", "name": "A", "fields": [ { "name": "z", "type": "int" } ] }]""";
        Assert.Equal(ResolutionRule.MissingDefault, Single(missing, writer).Rule);
    }
}

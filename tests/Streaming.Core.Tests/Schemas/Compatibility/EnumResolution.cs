using Streaming.Core.Schemas.Compatibility;
using static Streaming.Core.Tests.Schemas.Compatibility.Avsc;

namespace Streaming.Core.Tests.Schemas.Compatibility;

/// <summary>Spec: every writer symbol must be a reader symbol, unless the reader enum has a default.</summary>
public sealed class EnumResolution
{
    private const string Abc = """{ "type": "enum", "name": "Surface", "symbols": ["FEED", "SEARCH", "PROFILE"] }""";
    private const string Ab = """{ "type": "enum", "name": "Surface", "symbols": ["FEED", "SEARCH"] }""";
    private const string AbWithDefault = """{ "type": "enum", "name": "Surface", "symbols": ["FEED", "SEARCH"], "default": "FEED" }""";

    [Fact]
    public void A_reader_with_more_symbols_reads_a_writer_with_fewer() => Resolves(Abc, Ab);

    [Fact]
    public void A_writer_symbol_the_reader_lacks_is_an_issue_naming_it()
    {
        var issue = Single(Record("R", Field("s", Ab)), Record("R", Field("s", Abc)));
        Assert.Equal(ResolutionRule.EnumSymbolMissing, issue.Rule);
        Assert.Equal("s", issue.Path);
        Assert.Contains("PROFILE", issue.Detail);
    }

    [Fact]
    public void A_reader_default_symbol_covers_unknown_writer_symbols() => Resolves(AbWithDefault, Abc);

    [Fact]
    public void Symbol_order_does_not_matter() =>
        Resolves("""{ "type": "enum", "name": "Surface", "symbols": ["SEARCH", "FEED"] }""", Ab);

    [Fact]
    public void Enums_of_different_names_do_not_resolve() =>
        Assert.Equal(ResolutionRule.NameMismatch, Single("""{ "type": "enum", "name": "Tab", "symbols": ["FEED", "SEARCH"] }""", Ab).Rule);
}

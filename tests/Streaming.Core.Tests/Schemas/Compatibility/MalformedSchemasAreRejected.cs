using Streaming.Core.Schemas.Compatibility;
using static Streaming.Core.Tests.Schemas.Compatibility.Avsc;

namespace Streaming.Core.Tests.Schemas.Compatibility;

/// <summary>The checker's parser refuses what the spec forbids, naming the problem, so a bad .avsc never passes as compatible.</summary>
public sealed class MalformedSchemasAreRejected
{
    [Theory]
    [InlineData("""{ "type": "record", "name": "R", "fields": [ { "name": "tab", "type": ["null", "int"], "default": "x" } ] }""", "default \"x\" is not a valid union [null, int]")]
    [InlineData("""{ "type": "record", "name": "R", "fields": [ { "name": "n", "type": "int", "default": "x" } ] }""", "default \"x\" is not a valid int")]
    [InlineData("""{ "type": "record", "name": "R", "fields": [ { "name": "n", "type": "int", "default": 3000000000 } ] }""", "is not a valid int")]
    [InlineData("""{ "type": "record", "name": "R", "fields": [ { "name": "n", "type": "Unknown" } ] }""", "'Unknown' is neither a primitive type nor a named type")]
    [InlineData("""{ "type": "record", "name": "R", "fields": [ { "name": "n", "type": "int" }, { "name": "n", "type": "int" } ] }""", "field 'n' is declared twice")]
    [InlineData("""["null", "int", "int"]""", "a union may not contain int twice")]
    [InlineData("""["null", ["int"]]""", "may not immediately contain another union")]
    [InlineData("""{ "type": "enum", "name": "E", "symbols": ["A"], "default": "B" }""", "default 'B' is not one of its symbols")]
    [InlineData("""{ "type": "record", "name": "1R", "fields": [] }""", "'1R' is not a valid Avro name")]
    [InlineData("""{ "type": "fixed", "name": "F", "size": -1 }""", "\"size\" must be a non-negative integer")]
    [InlineData("{ not json", "not JSON")]
    public void Invalid_schemas_throw_with_the_reason(string schema, string reason)
    {
        var error = Assert.Throws<InvalidDataException>(() => SchemaResolver.Check(schema, Quote("int")));
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public void A_union_default_may_match_any_branch_as_in_Avro_1_12() =>
        Resolves(Record("R", Field("tab", """["null", "int"]""", "3")), Record("R"));

    [Fact]
    public void The_checker_names_the_version_that_does_not_parse()
    {
        var error = Assert.Throws<InvalidDataException>(() => CompatibilityChecker.CheckHistory("X", CompatibilityMode.Full, [new(1, Record("X")), new(2, "{")]));
        Assert.StartsWith("X v2 is not a valid Avro schema: not JSON", error.Message);
    }
}

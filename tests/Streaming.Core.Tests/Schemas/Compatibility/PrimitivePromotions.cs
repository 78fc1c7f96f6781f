using Streaming.Core.Schemas.Compatibility;
using static Streaming.Core.Tests.Schemas.Compatibility.Avsc;

namespace Streaming.Core.Tests.Schemas.Compatibility;

/// <summary>Spec: a primitive reads the same primitive, or a writer type promotable to it, nothing else.</summary>
public sealed class PrimitivePromotions
{
    private static readonly string[] s_primitives = ["null", "boolean", "int", "long", "float", "double", "bytes", "string"];

    // The spec's list, written out: writer -> readers it promotes to.
    private static readonly HashSet<(string Writer, string Reader)> s_promotions =
    [
        ("int", "long"), ("int", "float"), ("int", "double"),
        ("long", "float"), ("long", "double"),
        ("float", "double"),
        ("string", "bytes"), ("bytes", "string"),
    ];

    [Fact]
    public void Every_pair_of_primitives_resolves_exactly_when_equal_or_promotable()
    {
        foreach (var writer in s_primitives)
        {
            foreach (var reader in s_primitives)
            {
                var expected = writer == reader || s_promotions.Contains((writer, reader));
                var issues = Resolve(Quote(reader), Quote(writer));
                Assert.True(expected == (issues.Count == 0), $"writer {writer}, reader {reader}: expected {(expected ? "resolves" : "fails")}");
                if (!expected)
                {
                    Assert.Equal(ResolutionRule.TypeMismatch, Assert.Single(issues).Rule);
                }
            }
        }
    }

    [Fact]
    public void A_narrowing_change_names_both_types_and_the_promotions()
    {
        var issue = Single(Record("R", Field("n", Quote("int"))), Record("R", Field("n", Quote("long"))));
        Assert.Equal("field 'n' is long in writer vW but int in reader vR, and long does not promote to int", issue.Detail);
        Assert.Contains("int->long/float/double", ResolutionRule.TypeMismatch.Explain());
    }
}

using Streaming.Core.Schemas.Compatibility;
using static Streaming.Core.Tests.Schemas.Compatibility.Avsc;

namespace Streaming.Core.Tests.Schemas.Compatibility;

/// <summary>
/// For every mode, a history with a deliberately incompatible change: the mode catches it with a
/// message naming subject, versions, field and rule, and the weaker mode that should let it pass does.
/// </summary>
public sealed class EachModeCatchesItsBreakingChange
{
    private static readonly string s_base = Field("event_id", Quote("string"));

    [Fact]
    public void Backward_catches_a_new_field_without_default()
    {
        var history = History(Record("Interaction", s_base), Record("Interaction", s_base, Field("tab", Quote("int"))));
        var violation = Assert.Single(CompatibilityChecker.CheckHistory("Interaction", CompatibilityMode.Backward, history));
        Assert.Equal(
            "Interaction v2 breaks BACKWARD against v1: reader field 'tab' (v2) has no default and is missing in writer v1 (rule: a reader field absent from the writer needs a default)",
            violation.Message);
        Assert.Equal((2, 1, 2, 1, "tab", ResolutionRule.MissingDefault), (violation.Version, violation.AgainstVersion, violation.ReaderVersion, violation.WriterVersion, violation.Path, violation.Rule));
        Assert.Empty(CompatibilityChecker.CheckHistory("Interaction", CompatibilityMode.Forward, history));
    }

    [Fact]
    public void Backward_transitive_catches_a_type_change_against_a_version_two_back()
    {
        // v2 drops n; v3 brings n back as a string: fine against v2, unreadable for v1's int data.
        var history = History(
            Record("S", s_base, Field("n", Quote("int"))),
            Record("S", s_base),
            Record("S", s_base, Field("n", Quote("string"), "\"\"")));
        Assert.Empty(CompatibilityChecker.CheckHistory("S", CompatibilityMode.Backward, history));
        var violation = Assert.Single(CompatibilityChecker.CheckHistory("S", CompatibilityMode.BackwardTransitive, history));
        Assert.Equal(
            "S v3 breaks BACKWARD_TRANSITIVE against v1: field 'n' is int in writer v1 but string in reader v3, and int does not promote to string (rule: the writer's type must equal the reader's or promote to it: int->long/float/double, long->float/double, float->double, string<->bytes)",
            violation.Message);
    }

    [Fact]
    public void Forward_catches_removing_a_field_old_readers_need()
    {
        var history = History(Record("ScoredRequest", s_base, Field("chosen_treatment", Quote("int"))), Record("ScoredRequest", s_base));
        var violation = Assert.Single(CompatibilityChecker.CheckHistory("ScoredRequest", CompatibilityMode.Forward, history));
        Assert.Equal(
            "ScoredRequest v2 breaks FORWARD against v1: reader field 'chosen_treatment' (v1) has no default and is missing in writer v2 (rule: a reader field absent from the writer needs a default)",
            violation.Message);
        Assert.Equal((1, 2), (violation.ReaderVersion, violation.WriterVersion));
        Assert.Empty(CompatibilityChecker.CheckHistory("ScoredRequest", CompatibilityMode.Backward, history));
    }

    [Fact]
    public void Forward_transitive_catches_a_removal_only_the_oldest_reader_cannot_take()
    {
        // v2 gives b a default, v3 removes b: v2 readers cope, v1 readers (no default) do not.
        var history = History(
            Record("T", s_base, Field("b", Quote("long"))),
            Record("T", s_base, Field("b", Quote("long"), "0")),
            Record("T", s_base));
        Assert.Empty(CompatibilityChecker.CheckHistory("T", CompatibilityMode.Forward, history));
        var violation = Assert.Single(CompatibilityChecker.CheckHistory("T", CompatibilityMode.ForwardTransitive, history));
        Assert.Equal(
            "T v3 breaks FORWARD_TRANSITIVE against v1: reader field 'b' (v1) has no default and is missing in writer v3 (rule: a reader field absent from the writer needs a default)",
            violation.Message);
    }

    [Fact]
    public void Full_catches_a_widening_that_old_readers_cannot_narrow()
    {
        var history = History(Record("ScoringRequest", s_base, Field("treatment", Quote("int"))), Record("ScoringRequest", s_base, Field("treatment", Quote("long"))));
        Assert.Empty(CompatibilityChecker.CheckHistory("ScoringRequest", CompatibilityMode.Backward, history));
        var violation = Assert.Single(CompatibilityChecker.CheckHistory("ScoringRequest", CompatibilityMode.Full, history));
        Assert.Equal(
            "ScoringRequest v2 breaks FULL against v1: field 'treatment' is long in writer v2 but int in reader v1, and long does not promote to int (rule: the writer's type must equal the reader's or promote to it: int->long/float/double, long->float/double, float->double, string<->bytes)",
            violation.Message);
    }

    [Fact]
    public void Full_transitive_catches_a_default_dropped_two_versions_later()
    {
        // v2 adds tab with a default (FULL with v1); v3 drops the default (FULL with v2, not with v1).
        var history = History(
            Record("Interaction", s_base),
            Record("Interaction", s_base, Field("tab", """["null", "int"]""", "null")),
            Record("Interaction", s_base, Field("tab", """["null", "int"]""")));
        Assert.Empty(CompatibilityChecker.CheckHistory("Interaction", CompatibilityMode.Full, history));
        var violation = Assert.Single(CompatibilityChecker.CheckHistory("Interaction", CompatibilityMode.FullTransitive, history));
        Assert.Equal(
            "Interaction v3 breaks FULL_TRANSITIVE against v1: reader field 'tab' (v3) has no default and is missing in writer v1 (rule: a reader field absent from the writer needs a default)",
            violation.Message);
    }

    [Fact]
    public void None_lets_anything_through()
    {
        var history = History(Record("N", Field("a", Quote("int"))), Record("N", Field("a", Quote("string"))), Record("Other", Field("b", Quote("boolean"))));
        Assert.Empty(CompatibilityChecker.CheckHistory("N", CompatibilityMode.None, history));
        var pairs = CompatibilityChecker.CheckHistory("N", CompatibilityMode.FullTransitive, history).Select(v => (v.Version, v.AgainstVersion)).Distinct().Order();
        Assert.Equal([(2, 1), (3, 1), (3, 2)], pairs);
    }

    [Fact]
    public void A_candidate_is_checked_against_the_history_before_it_is_added()
    {
        var existing = History(Record("Interaction", s_base), Record("Interaction", s_base, Field("tab", """["null", "int"]""", "null")));
        var candidate = new SchemaVersionText(3, Record("Interaction", s_base, Field("tab", Quote("int"))));
        var violations = CompatibilityChecker.CheckCandidate("Interaction", CompatibilityMode.FullTransitive, existing, candidate);
        Assert.NotEmpty(violations);
        Assert.All(violations, v => Assert.Equal(3, v.Version));
        Assert.Equal([1, 2], violations.Select(v => v.AgainstVersion).Distinct().Order());
    }

    [Fact]
    public void Confluent_names_round_trip()
    {
        foreach (var mode in Enum.GetValues<CompatibilityMode>())
        {
            Assert.True(CompatibilityModes.TryParse(mode.ConfluentName(), out var parsed));
            Assert.Equal(mode, parsed);
        }
        Assert.False(CompatibilityModes.TryParse("full_transitive", out _));
    }

    private static List<SchemaVersionText> History(params string[] versions) =>
        versions.Select((json, i) => new SchemaVersionText(i + 1, json)).ToList();
}

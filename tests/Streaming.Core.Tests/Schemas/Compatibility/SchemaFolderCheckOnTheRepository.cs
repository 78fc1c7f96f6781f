using Streaming.Core.Schemas.Compatibility;
using Streaming.Core.Tests.Schemas.Golden;

namespace Streaming.Core.Tests.Schemas.Compatibility;

/// <summary>
/// The check behind <c>streaming schemas check</c>, run over the repository's schemas/ folder as
/// it is, and over in-memory copies with one thing broken each.
/// </summary>
public sealed class SchemaFolderCheckOnTheRepository
{
    [Fact]
    public void The_repository_schemas_pass()
    {
        var report = Run(Repository());
        Assert.True(report.Passed, string.Join("\n", report.Violations));
        Assert.Equal((4, 6, 6), (report.Subjects, report.Versions, report.GoldenPayloads));
        Assert.Equal("""{"subjects":4,"versions":6,"violations":0}""", report.SummaryJson());
    }

    [Fact]
    public void A_v3_that_makes_surface_required_breaks_full_transitive_against_both_earlier_versions()
    {
        var files = Repository();
        var v3 = SchemaFolder.Text("events/Interaction/v2.avsc")
            .Replace("""{ "name": "surface", "type": ["null", "string"], "default": null,""", """{ "name": "surface", "type": "string",""", StringComparison.Ordinal);
        Assert.NotEqual(SchemaFolder.Text("events/Interaction/v2.avsc"), v3);
        files["events/Interaction/v3.avsc"] = System.Text.Encoding.UTF8.GetBytes(v3);

        var report = Run(files);

        Assert.Contains(
            "Interaction v3 breaks FULL_TRANSITIVE against v1: reader field 'surface' (v3) has no default and is missing in writer v1 (rule: a reader field absent from the writer needs a default)",
            report.Violations);
        Assert.Contains(report.Compatibility, v => v is { Version: 3, AgainstVersion: 2, ReaderVersion: 3, WriterVersion: 2, Rule: ResolutionRule.WriterBranchUnresolved, Path: "surface" });
        Assert.Contains("Interaction v3 has no golden payload samples/Interaction/v3.bin with its values samples/Interaction/v3.json", report.Violations);
        Assert.EndsWith($",\"violations\":{report.Violations.Count}}}", report.SummaryJson());
    }

    [Fact]
    public void A_golden_payload_whose_bytes_no_longer_match_its_values_is_reported()
    {
        var files = Repository();
        var bin = files["samples/ScoredRequest/v1.bin"];
        // source_offset ends the body: 1000000 is zig-zag 2000000, varint 80 89 7A; +2 makes it 1000001.
        Assert.Equal([0x80, 0x89, 0x7A], bin[^3..]);
        bin[^3] ^= 0x02;
        var report = Run(files);
        Assert.Equal(
            "golden payload samples/ScoredRequest/v1.bin read with its own schema v1: field 'source_offset' is 1000001, expected 1000000",
            Assert.Single(report.Violations));
    }

    [Fact]
    public void A_golden_payload_with_the_wrong_header_is_reported()
    {
        var files = Repository();
        files["samples/TrainingSample/v1.bin"][1] = 3;
        var violation = Assert.Single(Run(files).Violations);
        Assert.Equal("golden payload samples/TrainingSample/v1.bin: header 530301 is not magic 53, frame type 04, version 01", violation);
    }

    [Fact]
    public void A_truncated_golden_payload_is_reported_as_malformed()
    {
        var files = Repository();
        files["samples/Interaction/v2.bin"] = files["samples/Interaction/v2.bin"][..^1];
        Assert.StartsWith("golden payload samples/Interaction/v2.bin is not a valid v2 body: truncated Avro body", Assert.Single(Run(files).Violations));
    }

    [Fact]
    public void Layout_problems_are_reported()
    {
        var files = Repository();
        files.Remove("events/ScoringRequest/v1.avsc");
        files["events/Extra/v1.avsc"] = System.Text.Encoding.UTF8.GetBytes("""{ "type": "record", "name": "Extra", "fields": [] }""");
        files["events/Extra/notes.txt"] = [];
        var settings = System.Text.Encoding.UTF8.GetString(files["compatibility.json"]).Replace("\"BACKWARD_TRANSITIVE\", \"frame_type\": 3", "\"BACKWARDS\", \"frame_type\": 3", StringComparison.Ordinal);
        files["compatibility.json"] = System.Text.Encoding.UTF8.GetBytes(settings);

        var violations = Run(files).Violations;

        Assert.Contains("ScoringRequest has versions v2: versions must run 1..N without gaps", violations);
        Assert.Contains("Extra has schemas under events/Extra/ but no entry in compatibility.json", violations);
        Assert.Contains("events/Extra/notes.txt is not named events/<Subject>/v<1..255>.avsc", violations);
        Assert.Contains("compatibility.json: ScoredRequest has compatibility 'BACKWARDS', not one of NONE, BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE", violations);
        Assert.Contains("ScoredRequest has schemas under events/ScoredRequest/ but no entry in compatibility.json", violations);
    }

    [Fact]
    public void A_schema_that_is_not_a_record_named_after_its_subject_is_reported()
    {
        var files = Repository();
        files["events/TrainingSample/v1.avsc"] = System.Text.Encoding.UTF8.GetBytes(Avsc.Record("Sample", Avsc.Field("a", "\"int\"")));
        Assert.Contains("TrainingSample v1 (events/TrainingSample/v1.avsc) is record Sample, not a record named TrainingSample", Run(files).Violations);
    }

    private static Dictionary<string, byte[]> Repository() =>
        SchemaFolder.Files().ToDictionary(f => f, SchemaFolder.Bytes, StringComparer.Ordinal);

    private static SchemaCheckReport Run(Dictionary<string, byte[]> files) =>
        SchemaFolderCheck.Run(files.Keys.ToList(), f => System.Text.Encoding.UTF8.GetString(files[f]), f => files[f]);
}

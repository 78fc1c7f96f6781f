namespace Streaming.Core.Tests.Schemas.Golden;

/// <summary>
/// Where a subject's mode is FORWARD or FULL (transitive or not), an older reader must read a newer
/// payload: Apache.Avro's resolving reader with the old schema as reader skips the fields it
/// does not know and keeps the rest.
/// </summary>
public sealed class NewerPayloadsReadWithOlderReaders
{
    [Fact]
    public void Forward_and_full_subjects_read_every_newer_payload_with_every_older_reader()
    {
        var pairs = 0;
        foreach (var (subject, versions) in SchemaFolder.Subjects())
        {
            var mode = GoldenReads.Mode(subject);
            if (!mode.StartsWith("FORWARD", StringComparison.Ordinal) && !mode.StartsWith("FULL", StringComparison.Ordinal))
            {
                continue;
            }
            foreach (var writer in versions)
            {
                // Transitive modes promise every older reader; the others only the previous one.
                var readers = versions.Where(r => r < writer && (mode.EndsWith("_TRANSITIVE", StringComparison.Ordinal) || r == writer - 1));
                foreach (var reader in readers)
                {
                    var (expected, actual) = GoldenReads.Read(subject, writer, reader);
                    Assert.True(expected == actual, $"{subject} v{writer} read with v{reader}:\nexpected {expected}\nactual   {actual}");
                    pairs++;
                }
            }
        }
        // Interaction 2->1 and ScoringRequest 2->1.
        Assert.Equal(2, pairs);
    }

    [Fact]
    public void A_v2_scoring_request_read_as_v1_drops_the_surface_and_keeps_the_candidates()
    {
        var (expected, actual) = GoldenReads.Read("ScoringRequest", 2, 1);
        Assert.DoesNotContain("surface", actual);
        Assert.Contains("\"item_id\":123456789", actual);
        Assert.Equal(expected, actual);
    }
}

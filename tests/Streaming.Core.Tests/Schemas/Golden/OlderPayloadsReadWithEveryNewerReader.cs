namespace Streaming.Core.Tests.Schemas.Golden;

/// <summary>
/// Every golden payload read with its own and every newer schema (Apache.Avro resolving reader)
/// gives the writer's values, minus fields the reader dropped, plus the reader's defaults.
/// Every subject's mode is at least BACKWARD_TRANSITIVE, so every such pair must work.
/// </summary>
public sealed class OlderPayloadsReadWithEveryNewerReader
{
    [Fact]
    public void Every_payload_reads_with_every_newer_reader_with_the_expected_values()
    {
        var pairs = 0;
        foreach (var (subject, versions) in SchemaFolder.Subjects())
        {
            foreach (var writer in versions)
            {
                foreach (var reader in versions.Where(r => r >= writer))
                {
                    var (expected, actual) = GoldenReads.Read(subject, writer, reader);
                    Assert.True(expected == actual, $"{subject} v{writer} read with v{reader}:\nexpected {expected}\nactual   {actual}");
                    pairs++;
                }
            }
        }
        // Interaction and ScoringRequest: 1->1, 1->2, 2->2; ScoredRequest and TrainingSample: 1->1.
        Assert.Equal(8, pairs);
    }

    [Fact]
    public void A_v1_interaction_read_as_v2_has_no_surface()
    {
        var (expected, actual) = GoldenReads.Read("Interaction", 1, 2);
        Assert.Contains("\"surface\":null", actual);
        Assert.Contains("\"tab\":2", actual);
        Assert.Equal(expected, actual);
    }
}

namespace Streaming.Core.Tests.Schemas.Golden;

/// <summary>
/// Every schema version has a committed golden payload, and it is exactly Apache.Avro's framed
/// encoding of the committed values. Run with STREAMING_WRITE_GOLDEN=1 to (re)create the .bin
/// files from the .json values; released versions never change, so a rewrite is a no-op for them.
/// </summary>
public sealed class GoldenPayloadFiles
{
    [Fact]
    public void Every_version_has_a_golden_payload_equal_to_the_encoding_of_its_values()
    {
        var write = Environment.GetEnvironmentVariable("STREAMING_WRITE_GOLDEN") == "1";
        var checkedCount = 0;
        foreach (var (subject, versions) in SchemaFolder.Subjects())
        {
            foreach (var version in versions)
            {
                var bin = $"samples/{subject}/v{version}.bin";
                Assert.True(File.Exists(SchemaFolder.Path($"samples/{subject}/v{version}.json")), $"samples/{subject}/v{version}.json is missing: write the values of the golden payload first");
                var encoded = GoldenEncoder.EncodeCommitted(subject, version);
                if (write)
                {
                    File.WriteAllBytes(SchemaFolder.Path(bin), encoded);
                }
                Assert.True(File.Exists(SchemaFolder.Path(bin)), $"{bin} is missing: run the tests with STREAMING_WRITE_GOLDEN=1 and commit it");
                Assert.Equal(GoldenEncoder.Describe(encoded), GoldenEncoder.Describe(SchemaFolder.Bytes(bin)));
                checkedCount++;
            }
        }
        Assert.Equal(6, checkedCount);
    }

    [Fact]
    public void Encoding_is_deterministic_and_starts_with_the_frame()
    {
        var first = GoldenEncoder.EncodeCommitted("Interaction", 2);
        Assert.Equal(first, GoldenEncoder.EncodeCommitted("Interaction", 2));
        Assert.Equal([0x53, 1, 2], first[..3]);
        Assert.Equal([0x53, 4, 1], GoldenEncoder.EncodeCommitted("TrainingSample", 1)[..3]);
    }
}

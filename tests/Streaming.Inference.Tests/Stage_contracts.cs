using Streaming.Inference.Contracts;
using Xunit;

namespace Streaming.Inference.Tests;

public sealed class Stage_contracts
{
    [Fact]
    public void Every_contract_file_is_embedded_byte_for_byte()
    {
        var dir = Path.Combine(RepositoryRoot(), "schemas", "models");
        var files = Directory.GetFiles(dir, "*.json");
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var name = $"schemas/models/{Path.GetFileName(file)}";
            using var stream = typeof(StageContracts).Assembly.GetManifestResourceStream(name);
            Assert.NotNull(stream);
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            Assert.Equal(File.ReadAllBytes(file), copy.ToArray());
        }
    }

    [Fact]
    public void Fatigue_contract_has_the_documented_inputs_and_two_unit_range_outputs()
    {
        var c = StageContracts.Fatigue;
        Assert.Equal("fatigue", c.Stage);
        Assert.Equal(1, c.ContractVersion);
        Assert.Equal(
            ["item_vector", "recent_vectors", "recent_mask", "fatigue_m", "fatigue_m_mask", "sim", "counts", "time_features", "time_mask", "cluster_summary"],
            c.Inputs.Select(t => t.Name));
        Assert.Equal([-1L, 6, 32], c.Inputs[1].Dimensions);
        Assert.Equal(192, c.Inputs[1].RowSize);
        Assert.Equal("N", c.Inputs[1].BatchDimension);
        Assert.Equal(32 + 192 + 6 + 36 + 36 + 6 + 12 + 7 + 7 + 6, c.Inputs.Sum(t => t.RowSize));
        Assert.Equal(["p_engage", "fatigue"], c.Outputs.Select(t => t.Name));
        Assert.All(c.Outputs, o => Assert.Equal((1, 0f, 1f), (o.RowSize, o.RangeMin!.Value, o.RangeMax!.Value)));
    }

    [Fact]
    public void Uplift_contract_has_context_masks_shares_and_three_treatments()
    {
        var c = StageContracts.Uplift;
        Assert.Equal(["context", "context_mask", "request_shares"], c.Inputs.Select(t => t.Name));
        Assert.Equal([105, 105, 7], c.Inputs.Select(t => t.RowSize));
        Assert.Equal("long_play_ratio", Assert.Single(c.Outputs).Name);
        Assert.Equal(3, c.Outputs[0].RowSize);
        Assert.Same(c, StageContracts.Find("uplift"));
        Assert.Null(StageContracts.Find("nope"));
    }

    [Theory]
    [InlineData("""{ "stage": "s", "contract_version": 1, "inputs": [{ "name": "x", "type": "float64", "shape": ["N", 2] }], "outputs": [{ "name": "y", "type": "float32", "shape": ["N", 1] }] }""")]
    [InlineData("""{ "stage": "s", "contract_version": 1, "inputs": [{ "name": "x", "type": "float32", "shape": [4, 2] }], "outputs": [{ "name": "y", "type": "float32", "shape": ["N", 1] }] }""")]
    [InlineData("""{ "stage": "s", "contract_version": 1, "inputs": [{ "name": "x", "type": "float32", "shape": ["N", 0] }], "outputs": [{ "name": "y", "type": "float32", "shape": ["N", 1] }] }""")]
    [InlineData("""{ "stage": "s", "contract_version": 1, "inputs": [{ "name": "x", "type": "float32", "shape": ["N", 2] }], "outputs": [{ "name": "x", "type": "float32", "shape": ["N", 1] }] }""")]
    [InlineData("""{ "stage": "s", "inputs": [], "outputs": [] }""")]
    public void Malformed_contracts_are_rejected(string json) =>
        Assert.Throws<FormatException>(() => StageContract.Parse(json));

    internal static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Streaming.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Streaming.sln not found above the test binaries.");
    }
}

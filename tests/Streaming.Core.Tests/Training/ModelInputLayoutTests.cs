using System.Text.Json;
using Streaming.Core.Features;
using Streaming.Core.Features.ModelInputs;
using Streaming.Core.Features.Vectors;
using Streaming.Core.Tests.Schemas.Golden;

namespace Streaming.Core.Tests.Training;

/// <summary>The flattened layout of a logged row is the stage contract's inputs, in file order.</summary>
public sealed class ModelInputLayoutTests
{
    [Theory]
    [InlineData("fatigue")]
    [InlineData("uplift")]
    public void Row_size_is_the_sum_of_the_contract_inputs(string stage)
    {
        using var contract = JsonDocument.Parse(SchemaFolder.Text($"models/{stage}.json"));
        var size = contract.RootElement.GetProperty("inputs").EnumerateArray()
            .Sum(i => i.GetProperty("shape").EnumerateArray().Skip(1).Aggregate(1, (n, d) => n * d.GetInt32()));
        var actual = stage == "fatigue" ? FatigueModelInput.RowSize(FeatureOptions.Default) : UpliftModelInput.RowSize(FeatureOptions.Default);
        Assert.Equal(size, actual);
        Assert.Equal($"{stage}@{contract.RootElement.GetProperty("contract_version").GetInt32()}",
            stage == "fatigue" ? FatigueModelInput.Layout : UpliftModelInput.Layout);
    }

    [Fact]
    public void A_row_written_over_a_flat_buffer_equals_its_parts_copied_in_contract_order()
    {
        var options = FeatureOptions.Default;
        var engine = new FeatureEngine(options, new HashItemVectors(options.EmbeddingDim));
        var user = engine.CreateState(1);
        for (var i = 0; i < 20; i++)
        {
            engine.Apply(user, new Events.Interaction { EventId = $"e{i}", UserId = 1, ItemId = i % 7, TsMs = 1_700_000_000_000 + (i * 30_000L), DurationMs = 10_000, PlayTimeMs = i * 700 });
        }
        var features = engine.CreateCandidateFeatures();
        engine.ComputeCandidate(user, 1_700_000_900_000, new Events.Candidate(3, -1, -1, 12_000), features);

        // Separate arrays per input, as the ONNX stage's buffers are.
        using var contract = JsonDocument.Parse(SchemaFolder.Text("models/fatigue.json"));
        var parts = contract.RootElement.GetProperty("inputs").EnumerateArray()
            .Select(i => new float[i.GetProperty("shape").EnumerateArray().Skip(1).Aggregate(1, (n, d) => n * d.GetInt32())])
            .ToArray();
        new FatigueModelInput
        {
            ItemVector = parts[0],
            RecentVectors = parts[1],
            RecentMask = parts[2],
            FatigueM = parts[3],
            FatigueMMask = parts[4],
            Sim = parts[5],
            Counts = parts[6],
            TimeFeatures = parts[7],
            TimeMask = parts[8],
            ClusterSummary = parts[9],
        }.Write(features);

        var flat = new float[FatigueModelInput.RowSize(options)];
        FatigueModelInput.Over(flat, options).Write(features);
        Assert.Equal(parts.SelectMany(p => p).ToArray(), flat);

        var copied = new float[flat.Length];
        Assert.Equal(flat.Length, FatigueModelInput.Over(flat, options).CopyTo(copied));
        Assert.Equal(flat, copied);
        Assert.Contains(flat, f => f != 0f);
    }

    [Fact]
    public void A_flat_buffer_of_the_wrong_size_is_refused() =>
        Assert.Throws<ArgumentException>(() => UpliftModelInput.Over(new float[5], FeatureOptions.Default));
}

using Streaming.Core.Features.Vectors;
using Streaming.Training.Models.Fatigue;
using Xunit;
using static TorchSharp.torch;

namespace Streaming.Training.Tests.Fatigue;

/// <summary>
/// Item vectors trained with the model (SPEC §2): the table it yields is unit-length, moved by
/// training, and serving with it (ids unknown to the graph) scores exactly as training did.
/// </summary>
public sealed class Fatigue_item_vectors
{
    private const int Rows = 2048, KnownItems = 40, AllItems = 60;
    private static readonly HashItemVectors s_hash = new(FatigueRows.D);

    public Fatigue_item_vectors() => FatigueTorch.Ready();

    // Items 1..60; the vocabulary holds the 40 most frequent; engagement depends on the item.
    private static (float[] Rows, float[] Labels, long[] Items, ItemVocabulary Vocabulary) DataSet(int seed)
    {
        var random = new Random(seed);
        var items = Enumerable.Range(0, Rows).Select(_ => (long)(1 + random.Next(AllItems))).ToArray();
        var rows = FatigueRows.Random(Rows, seed, items: items);
        var labels = items.Select(i => random.NextDouble() < (i % 3 == 0 ? 0.8 : 0.2) ? 1f : 0f).ToArray();
        var vocabulary = ItemVocabulary.MostFrequent(items, KnownItems);
        return (rows, labels, items, vocabulary);
    }

    private static float[] WithItemVectors(float[] rows, long[] items, IItemVectors vectors)
    {
        var copy = (float[])rows.Clone();
        for (var r = 0; r < items.Length; r++)
        {
            vectors.CopyVector(items[r], FatigueRows.View(copy, r).ItemVector);
        }

        return copy;
    }

    private static ItemVectorTable RoundTrip(IReadOnlyDictionary<long, float[]> vectors)
    {
        using var text = new StringWriter();
        ItemVectorTableWriter.Write(text, vectors, FatigueRows.D);
        return ItemVectorTable.Load(new StringReader(text.ToString()), FatigueRows.D);
    }

    [Fact]
    public void Trained_vectors_are_unit_length_moved_by_training_and_serve_exactly_as_trained()
    {
        var (rows, labels, items, vocabulary) = DataSet(seed: 41);
        using var model = new FatigueModel(new FatigueModelOptions { Seed = 41 }, vocabulary);
        var untrained = model.TrainedItemVectors(s_hash);
        FatigueTraining.Train(model, rows, labels, items, epochs: 3, learningRate: 1e-2);
        var trained = model.TrainedItemVectors(s_hash);

        Assert.Equal(vocabulary.Items.OrderBy(i => i), trained.Keys.OrderBy(i => i));
        var baseVector = new float[FatigueRows.D];
        foreach (var (item, vector) in trained)
        {
            Assert.Equal(1.0, Math.Sqrt(vector.Sum(v => (double)v * v)), 1e-5);
            s_hash.CopyVector(item, baseVector);
            Assert.True(vector.Zip(baseVector).Max(p => Math.Abs(p.First - p.Second)) > 1e-3, $"item {item} kept its hash vector");
            Assert.True(vector.Zip(untrained[item]).Max(p => Math.Abs(p.First - p.Second)) > 1e-3, $"training did not move item {item}");
        }

        // Serving: the graph sees no ids, only the vectors of the published table.
        var table = RoundTrip(trained);
        using var asTrained = FatigueRows.Features(rows);
        using var ids = tensor(items);
        var training = model.Score(asTrained, ids);
        var served = WithItemVectors(rows, items, table);
        using var asServed = FatigueRows.Features(served);
        var serving = model.Score(asServed);
        var onnx = FatigueOnnx.Run(model.ExportOnnx("test"), served);
        for (var r = 0; r < Rows; r++)
        {
            Assert.Equal(training.PEngage[r], serving.PEngage[r], 1e-5);
            Assert.Equal(training.PEngage[r], onnx.PEngage[r], 1e-5);
            Assert.Equal(training.Fatigue[r], onnx.Fatigue[r], 1e-5);
        }

        // And the offsets mattered: without the table the scores of known items differ.
        var withoutTable = model.Score(asTrained);
        Assert.True(Enumerable.Range(0, Rows).Where(r => vocabulary.RowOf(items[r]) > 0)
            .Max(r => Math.Abs(withoutTable.PEngage[r] - training.PEngage[r])) > 1e-3);
    }

    [Fact]
    public void Unknown_items_score_with_their_vector_as_given()
    {
        var (rows, labels, items, vocabulary) = DataSet(seed: 42);
        using var model = new FatigueModel(new FatigueModelOptions { Seed = 42 }, vocabulary);
        FatigueTraining.Train(model, rows, labels, items, epochs: 1, learningRate: 1e-2);

        using var features = FatigueRows.Features(rows);
        using var ids = tensor(items);
        var withIds = model.Score(features, ids);
        var withoutIds = model.Score(features);
        var unknown = Enumerable.Range(0, Rows).Where(r => vocabulary.RowOf(items[r]) == 0).ToArray();
        Assert.NotEmpty(unknown);
        foreach (var r in unknown)
        {
            Assert.Equal(withoutIds.PEngage[r], withIds.PEngage[r]);
        }

        Assert.True(RoundTrip(model.TrainedItemVectors(s_hash)).Count == KnownItems);
    }

    [Fact]
    public void Reinitialising_redraws_the_offsets_reproducibly_and_leaves_unknown_items_alone()
    {
        var (rows, _, items, vocabulary) = DataSet(seed: 43);
        using var a = new FatigueModel(new FatigueModelOptions { Seed = 43 }, vocabulary);
        using var b = new FatigueModel(new FatigueModelOptions { Seed = 43 }, vocabulary);
        var first = a.TrainedItemVectors(s_hash);
        a.ReinitialiseEmbeddings();
        b.ReinitialiseEmbeddings();
        var second = a.TrainedItemVectors(s_hash);

        foreach (var item in vocabulary.Items)
        {
            Assert.True(first[item].Zip(second[item]).Max(p => Math.Abs(p.First - p.Second)) > 1e-4);
            Assert.Equal(second[item], b.TrainedItemVectors(s_hash)[item]);
        }

        using var features = FatigueRows.Features(rows);
        using var ids = tensor(items);
        var withIds = a.Score(features, ids).PEngage;
        var withoutIds = a.Score(features).PEngage;
        for (var r = 0; r < Rows; r++)
        {
            if (vocabulary.RowOf(items[r]) == 0)
            {
                Assert.Equal(withoutIds[r], withIds[r]);
            }
        }
    }
}

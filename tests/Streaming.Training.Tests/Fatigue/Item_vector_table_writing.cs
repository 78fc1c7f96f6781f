using Streaming.Core.Features.Vectors;
using Xunit;

namespace Streaming.Training.Tests.Fatigue;

/// <summary>The writer produces exactly what Core's table reader accepts, value for value.</summary>
public sealed class Item_vector_table_writing
{
    [Fact]
    public void A_written_table_loads_back_to_the_same_unit_vectors_and_unlisted_items_get_hash_vectors()
    {
        const int d = 4;
        var vectors = new Dictionary<long, float[]>
        {
            [42] = [0.5f, -0.5f, 0.5f, -0.5f],
            [-7] = [0.1f, 0.2f, 0.3f, 0.92736185f],
            [3] = [1e-8f, 1f, 0, 0],
        };
        using var text = new StringWriter();
        ItemVectorTableWriter.Write(text, vectors, d);

        var lines = text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("item_id,v0,v1,v2,v3", lines[0]);
        Assert.Equal(["-7", "3", "42"], lines.Skip(1).Select(l => l.Split(',')[0]));

        var table = ItemVectorTable.Load(new StringReader(text.ToString()), d);
        var loaded = new float[d];
        foreach (var (item, vector) in vectors)
        {
            table.CopyVector(item, loaded);
            var norm = Math.Sqrt(vector.Sum(v => (double)v * v));
            for (var j = 0; j < d; j++)
            {
                Assert.Equal((float)(vector[j] / norm), loaded[j]);
            }
        }

        var expectedHash = new float[d];
        new HashItemVectors(d).CopyVector(5, expectedHash);
        table.CopyVector(5, loaded);
        Assert.Equal(expectedHash, loaded);
    }

    [Fact]
    public void Vectors_the_reader_would_refuse_are_refused_when_written()
    {
        using var text = new StringWriter();
        Assert.Throws<ArgumentException>(() => ItemVectorTableWriter.Write(text, new Dictionary<long, float[]> { [1] = [0, 0] }, 2));
        Assert.Throws<ArgumentException>(() => ItemVectorTableWriter.Write(text, new Dictionary<long, float[]> { [1] = [float.NaN, 1] }, 2));
        Assert.Throws<ArgumentException>(() => ItemVectorTableWriter.Write(text, new Dictionary<long, float[]> { [1] = [1, 2, 3] }, 2));
    }
}

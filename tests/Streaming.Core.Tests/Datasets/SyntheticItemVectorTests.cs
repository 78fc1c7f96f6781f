using System.Globalization;
using Streaming.Core.Datasets;

namespace Streaming.Core.Tests.Datasets;

public class SyntheticItemVectorTests
{
    private static readonly SyntheticDataset s_dataset = new(new SyntheticOptions { Items = 400, Topics = 8, Users = 10, Interactions = 0 });

    [Fact]
    public void An_items_category_is_the_argmax_of_its_unit_vector()
    {
        var v = new float[8];
        for (var id = 1L; id <= 400; id++)
        {
            s_dataset.CopyItemVector(id, v);
            Assert.Equal(1.0, Math.Sqrt(v.Sum(x => (double)x * x)), 5);
            Assert.Equal(Array.IndexOf(v, v.Max()), s_dataset.Item(id).Category);
        }
    }

    [Fact]
    public void Items_of_one_category_are_similar_and_of_different_categories_are_not()
    {
        var vectors = Enumerable.Range(1, 400).Select(id =>
        {
            var v = new float[8];
            s_dataset.CopyItemVector(id, v);
            return (Category: s_dataset.Item(id).Category, Vector: v);
        }).ToList();
        var same = new List<double>();
        var different = new List<double>();
        for (var a = 0; a < vectors.Count; a++)
        {
            for (var b = a + 1; b < vectors.Count; b++)
            {
                var cos = vectors[a].Vector.Zip(vectors[b].Vector).Sum(p => (double)p.First * p.Second);
                (vectors[a].Category == vectors[b].Category ? same : different).Add(cos);
            }
        }

        Assert.True(same.Average() > 0.8, $"same-category mean cosine {same.Average():F3}");
        Assert.True(different.Average() < 0.2, $"cross-category mean cosine {different.Average():F3}");
    }

    [Fact]
    public void Item_vectors_are_written_in_the_feature_dump_format()
    {
        var text = new StringWriter();
        s_dataset.WriteItemVectors(text);
        var lines = text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("item_id,v0,v1,v2,v3,v4,v5,v6,v7", lines[0]);
        Assert.Equal(401, lines.Length);
        var v = new float[8];
        s_dataset.CopyItemVector(17, v);
        var fields = lines[17].Split(',');
        Assert.Equal("17", fields[0]);
        Assert.Equal(v, fields.Skip(1).Select(f => float.Parse(f, CultureInfo.InvariantCulture)).ToArray());
    }

    [Fact]
    public void Unknown_items_and_users_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => s_dataset.Item(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => s_dataset.Item(401));
        Assert.Throws<ArgumentOutOfRangeException>(() => s_dataset.EngagementProbability(11, 1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => s_dataset.EngagementProbability(1, 1, 7));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SyntheticDataset(new SyntheticOptions { Items = 10 }));
    }
}

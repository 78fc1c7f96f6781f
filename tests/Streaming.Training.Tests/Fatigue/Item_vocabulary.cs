using Streaming.Training.Models.Fatigue;
using Xunit;

namespace Streaming.Training.Tests.Fatigue;

public sealed class Item_vocabulary
{
    [Fact]
    public void Most_frequent_items_come_first_lower_id_first_among_equals_and_the_cap_holds()
    {
        long[] ids = [5, 3, 5, 9, 3, 5, 7, 9, 1];
        var vocabulary = ItemVocabulary.MostFrequent(ids, capacity: 3);

        Assert.Equal([5L, 3L, 9L], vocabulary.Items);
        Assert.Equal(1, vocabulary.RowOf(5));
        Assert.Equal(3, vocabulary.RowOf(9));
        Assert.Equal(0, vocabulary.RowOf(7));
        Assert.Equal(0, vocabulary.RowOf(42));
    }

    [Fact]
    public void A_repeated_item_keeps_its_first_row()
    {
        var vocabulary = ItemVocabulary.Of([4, 2, 4, 8]);

        Assert.Equal([4L, 2L, 8L], vocabulary.Items);
        Assert.Equal(1, vocabulary.RowOf(4));
        Assert.Equal(3, vocabulary.RowOf(8));
    }
}

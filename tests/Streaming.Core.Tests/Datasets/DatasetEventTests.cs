using Streaming.Core.Datasets;
using Streaming.Core.Events;

namespace Streaming.Core.Tests.Datasets;

public class DatasetEventTests
{
    [Fact]
    public void It_exposes_the_wrapped_event_and_its_key_and_time()
    {
        DatasetEvent interaction = new Interaction { EventId = "e", UserId = 3, ItemId = 9, TsMs = 1_700_000_000_001 };
        DatasetEvent request = new ScoringRequest { RequestId = "r", UserId = 4, TsMs = 1_700_000_000_002, Candidates = [] };

        Assert.True(interaction.IsInteraction);
        Assert.False(interaction.IsRequest);
        Assert.Null(interaction.Request);
        Assert.Equal((3L, 1_700_000_000_001L), (interaction.UserId, interaction.TsMs));
        Assert.True(request.IsRequest);
        Assert.Null(request.Interaction);
        Assert.Equal((4L, 1_700_000_000_002L), (request.UserId, request.TsMs));
    }

    [Fact]
    public void A_default_instance_holds_nothing()
    {
        var empty = default(DatasetEvent);

        Assert.False(empty.IsInteraction || empty.IsRequest);
        Assert.Throws<InvalidOperationException>(() => empty.UserId);
    }
}

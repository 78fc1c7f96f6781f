using Streaming.Core.Datasets;

namespace Streaming.Core.Tests.Datasets;

public class SyntheticDatasetLazinessTests
{
    [Fact]
    public void The_first_thousand_events_of_a_fifty_million_interaction_dataset_allocate_what_a_small_one_does()
    {
        var huge = AllocatedForFirstThousand(SyntheticOptions.Default with { Interactions = 50_000_000 });
        var small = AllocatedForFirstThousand(SyntheticOptions.Default with { Interactions = 10_000 });

        // The item table (20,000 x 32 floats) and the user states dominate; nothing scales with the target.
        Assert.True(huge < 12_000_000, $"{huge:N0} bytes");
        Assert.True(huge < small + 64_000, $"{huge:N0} bytes vs {small:N0} for a 10,000-interaction dataset");
    }

    private static long AllocatedForFirstThousand(SyntheticOptions options)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var dataset = new SyntheticDataset(options);
        var count = 0;
        foreach (var e in dataset.Events())
        {
            if (++count == 1_000)
            {
                break;
            }
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(1_000, count);
        return allocated;
    }
}

using Streaming.Inference.Benchmarking;
using Xunit;

namespace Streaming.Inference.Tests;

public sealed class Crossover_batch
{
    [Fact]
    public void The_crossover_is_the_smallest_batch_from_which_the_candidate_stays_ahead()
    {
        var cpu = Rates((1, 100), (16, 1_000), (256, 2_000), (4096, 3_000));
        var cuda = Rates((1, 10), (16, 500), (256, 2_500), (4096, 30_000));

        Assert.Equal(256, Crossover.Find(cpu, cuda));
    }

    [Fact]
    public void A_win_at_a_small_batch_below_a_loss_does_not_count()
    {
        var cpu = Rates((1, 100), (16, 1_000), (256, 2_000), (4096, 3_000));
        var cuda = Rates((1, 200), (16, 900), (256, 2_500), (4096, 30_000));

        Assert.Equal(256, Crossover.Find(cpu, cuda));
    }

    [Fact]
    public void A_candidate_that_loses_at_the_largest_batch_has_no_crossover()
    {
        var cpu = Rates((1, 100), (256, 2_000), (4096, 3_000));
        var cuda = Rates((1, 200), (256, 2_500), (4096, 2_999));

        Assert.Null(Crossover.Find(cpu, cuda));
    }

    [Fact]
    public void A_tie_is_not_a_win()
    {
        var cpu = Rates((256, 2_000), (4096, 3_000));
        var cuda = Rates((256, 2_000), (4096, 3_001));

        Assert.Equal(4096, Crossover.Find(cpu, cuda));
    }

    [Fact]
    public void Only_batch_sizes_both_measured_are_compared()
    {
        // The candidate's unmatched 16384 must not decide; the CPU's unmatched 1 must not either.
        var cpu = Rates((1, 100), (256, 2_000), (4096, 3_000));
        var cuda = Rates((256, 1_000), (4096, 4_000), (16384, 1));

        Assert.Equal(4096, Crossover.Find(cpu, cuda));
    }

    internal static List<BatchSizeMeasurement> Rates(params (int Batch, double Rate)[] points) =>
        points.Select(p => new BatchSizeMeasurement(p.Batch, p.Rate, P50Ms: p.Batch / p.Rate * 1000, P99Ms: 2 * p.Batch / p.Rate * 1000, 0, 10)).ToList();
}

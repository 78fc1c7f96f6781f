using Streaming.Inference.Benchmarking;
using Xunit;

namespace Streaming.Inference.Tests;

public sealed class Sweep_table
{
    [Fact]
    public void One_row_per_batch_size_ascending_with_each_sweep_and_its_multiple_of_the_first()
    {
        var cpu = new ProviderSweep("CPU", Crossover_batch.Rates((4096, 1_000_000), (1, 50_000)));
        var cuda = new ProviderSweep("CUDA", Crossover_batch.Rates((1, 10_000), (4096, 12_500_000)));

        var lines = SweepTable.Markdown([cpu, cuda]);

        Assert.Equal(4, lines.Count);
        Assert.Equal("| batch | CPU cand/s | CPU p50 ms | CPU p99 ms | CUDA cand/s | CUDA p50 ms | CUDA p99 ms | CUDA / CPU |", lines[0]);
        Assert.Equal(8, lines[1].Count(c => c == ':'));
        Assert.Equal("| 1 | 50,000 | 0.020 | 0.040 | 10,000 | 0.100 | 0.200 | 0.20x |", lines[2]);
        Assert.Equal("| 4096 | 1,000,000 | 4.096 | 8.192 | 12,500,000 | 0.328 | 0.655 | 12.50x |", lines[3]);
    }

    [Fact]
    public void A_size_one_sweep_lacks_shows_a_gap()
    {
        var cpu = new ProviderSweep("CPU", Crossover_batch.Rates((1, 50_000), (256, 500_000)));
        var pinned = new ProviderSweep("CUDA pinned", Crossover_batch.Rates((256, 1_000_000)));

        var lines = SweepTable.Markdown([cpu, pinned]);

        Assert.Equal($"| 1 | 50,000 | 0.020 | 0.040 | {SweepTable.Gap} | {SweepTable.Gap} | {SweepTable.Gap} | {SweepTable.Gap} |", lines[2]);
        Assert.EndsWith("| 2.00x |", lines[3], StringComparison.Ordinal);
    }
}

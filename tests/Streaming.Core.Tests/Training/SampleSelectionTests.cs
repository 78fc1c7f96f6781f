using Streaming.Core.Training;

namespace Streaming.Core.Tests.Training;

public sealed class SampleSelectionTests
{
    private static readonly string[] s_ids = Enumerable.Range(0, 20_000).Select(i => $"syn42-{i % 200}-{i / 200}").ToArray();

    [Fact]
    public void A_request_id_is_always_decided_the_same_way()
    {
        foreach (var id in s_ids.Take(500))
        {
            Assert.Equal(SampleSelection.Unit(id), SampleSelection.Unit(new string(id.ToCharArray())));
        }
    }

    [Fact]
    public void Rate_one_keeps_all_and_rate_zero_none()
    {
        Assert.All(s_ids.Take(500), id => Assert.True(SampleSelection.Includes(id, 1.0)));
        Assert.All(s_ids.Take(500), id => Assert.False(SampleSelection.Includes(id, 0.0)));
    }

    [Fact]
    public void The_kept_fraction_is_close_to_the_rate_and_lower_rates_keep_subsets()
    {
        var tenth = s_ids.Where(id => SampleSelection.Includes(id, 0.1)).ToHashSet();
        var half = s_ids.Where(id => SampleSelection.Includes(id, 0.5)).ToHashSet();
        // Binomial sd at 20,000 ids: about 0.002 at 0.1 and 0.0035 at 0.5; these bounds are 5 sd.
        Assert.InRange(tenth.Count / (double)s_ids.Length, 0.09, 0.11);
        Assert.InRange(half.Count / (double)s_ids.Length, 0.4825, 0.5175);
        Assert.Subset(half, tenth);
    }

    [Fact]
    public void Non_ascii_and_long_ids_hash_by_their_utf8_bytes()
    {
        var longId = new string('é', 400); // more than the stack buffer
        Assert.InRange(SampleSelection.Unit(longId), 0.0, 1.0);
        Assert.NotEqual(SampleSelection.Unit("req-é"), SampleSelection.Unit("req-e"));
    }
}

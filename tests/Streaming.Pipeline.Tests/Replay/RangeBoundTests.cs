using Streaming.Pipeline.Replay;
using Xunit;

namespace Streaming.Pipeline.Tests.Replay;

public sealed class RangeBoundTests
{
    [Fact]
    public void Bounds_parse_offsets_times_start_and_end()
    {
        var offsets = Assert.IsType<RangeBound.Offsets>(RangeBound.Parse("1:200,0:100"));
        Assert.Equal([0, 1], offsets.ByPartition.Keys);
        Assert.Equal(100, offsets.ByPartition[0]);
        var time = Assert.IsType<RangeBound.Time>(RangeBound.Parse("time:2024-05-01T10:00:00+02:00"));
        Assert.Equal(DateTimeOffset.Parse("2024-05-01T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture), time.Instant);
        Assert.IsType<RangeBound.End>(RangeBound.Parse("end"));
        Assert.IsType<RangeBound.Start>(RangeBound.Parse("start"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("0:")]
    [InlineData("0:-1")]
    [InlineData("0:1,0:2")]
    [InlineData("time:yesterday")]
    public void Malformed_bounds_are_refused(string text) => Assert.Throws<FormatException>(() => RangeBound.Parse(text));
}

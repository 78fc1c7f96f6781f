using Streaming.Pipeline.Replay;
using Xunit;

namespace Streaming.Pipeline.Tests.Replay;

public sealed class TimestampSearchTests
{
    [Fact]
    public void Search_finds_the_first_record_at_or_after_the_target_like_a_linear_scan_with_gaps_and_ties()
    {
        var rng = new Random(11);
        for (var trial = 0; trial < 300; trial++)
        {
            // A partition [low, high) whose offsets have holes and whose timestamps repeat.
            var low = rng.Next(0, 50);
            var high = low + rng.Next(0, 200);
            var records = new SortedDictionary<long, long>();
            long ts = 1_000;
            for (long o = low; o < high; o++)
            {
                ts += rng.Next(0, 3);
                if (rng.NextDouble() < 0.7)
                {
                    records[o] = ts;
                }
            }
            var target = 1_000 + rng.Next(-5, (int)(ts - 1_000) + 5);
            RecordStamp? Probe(long offset)
            {
                foreach (var (o, t) in records)
                {
                    if (o >= offset)
                    {
                        return new RecordStamp(o, t);
                    }
                }
                return null;
            }

            var found = TimestampSearch.FirstOffsetAtOrAfter(low, high, target, Probe, out var probes);

            // Brute force: every record before the answer is older, and the first record at or
            // after it (if any) is not.
            Assert.All(records.Where(r => r.Key < found), r => Assert.True(r.Value < target));
            var next = records.Where(r => r.Key >= found).Select(r => (long?)r.Value).FirstOrDefault();
            var expectedFirst = records.Where(r => r.Value >= target).Select(r => (long?)r.Key).FirstOrDefault();
            Assert.Equal(expectedFirst, records.Where(r => r.Key >= found).Select(r => (long?)r.Key).FirstOrDefault());
            Assert.True(next is null || next >= target);
            Assert.InRange(found, low, high);
            Assert.True(probes <= 2 + (int)Math.Ceiling(Math.Log2(Math.Max(2, high - low))) * 2, $"{probes} probes for {high - low} offsets");
        }
    }

    [Fact]
    public void A_target_after_every_record_gives_the_end_and_one_before_every_record_gives_the_start()
    {
        RecordStamp? Probe(long o) => o < 10 ? new RecordStamp(o, 100 + o) : null;
        Assert.Equal(10, TimestampSearch.FirstOffsetAtOrAfter(0, 10, 1_000, Probe, out _));
        Assert.Equal(0, TimestampSearch.FirstOffsetAtOrAfter(0, 10, 0, Probe, out _));
        Assert.Equal(5, TimestampSearch.FirstOffsetAtOrAfter(0, 10, 105, Probe, out _));
    }
}

using Streaming.Core.Datasets;

namespace Streaming.Core.Tests.Datasets;

public class KuaiRandInteractionMappingTests
{
    [Fact]
    public void Every_field_of_a_row_maps_as_in_spec_section_8()
    {
        var text = KuaiRandCsv.Text(
            KuaiRandCsv.Header,
            KuaiRandCsv.Row(5, 777, 1_651_314_030_792, flags: "1010101", playMs: 12_345, durationMs: 30_066, tab: 11),
            KuaiRandCsv.Row(5, 778, 1_651_314_030_900, flags: "0101010", playMs: 0, durationMs: 0, tab: 2));

        var rows = KuaiRandReader.ReadInteractions(text).ToList();

        Assert.Equal(2, rows.Count);
        var a = rows[0];
        Assert.Equal("5-1651314030792-0", a.EventId);
        Assert.Equal((5L, 777L, -1L, -1), (a.UserId, a.ItemId, a.AuthorId, a.Category));
        Assert.Equal((1_651_314_030_792L, 12_345, 30_066, (int?)11), (a.TsMs, a.PlayTimeMs, a.DurationMs, a.Tab));
        Assert.Equal((true, false, true, false, true, false, true), (a.Click, a.Like, a.Follow, a.Comment, a.Forward, a.Hate, a.LongView));
        Assert.Null(a.RequestId);
        var b = rows[1];
        Assert.Equal("5-1651314030900-1", b.EventId);
        Assert.Equal((false, true, false, true, false, true, false), (b.Click, b.Like, b.Follow, b.Comment, b.Forward, b.Hate, b.LongView));
        Assert.Equal((0, 0, (int?)2), (b.PlayTimeMs, b.DurationMs, b.Tab));
    }

    [Fact]
    public void Columns_are_found_by_name_in_any_order_and_tab_is_optional()
    {
        var text = KuaiRandCsv.Text(
            "long_view,duration_ms,play_time_ms,is_hate,is_forward,is_comment,is_follow,is_like,is_click,time_ms,video_id,user_id,extra",
            "1,9000,9500,0,0,0,0,1,1,1651000000000,42,9,whatever");

        var row = Assert.Single(KuaiRandReader.ReadInteractions(text));

        Assert.Equal("9-1651000000000-0", row.EventId);
        Assert.Equal((9L, 42L, 9_000, 9_500), (row.UserId, row.ItemId, row.DurationMs, row.PlayTimeMs));
        Assert.True(row.LongView && row.Click && row.Like);
        Assert.Null(row.Tab);
    }

    [Fact]
    public void Rows_stay_in_file_order_and_blank_lines_are_not_rows()
    {
        var text = KuaiRandCsv.Text(
            KuaiRandCsv.Header,
            KuaiRandCsv.Row(2, 1, 3_000),
            string.Empty,
            KuaiRandCsv.Row(1, 2, 1_000),
            KuaiRandCsv.Row(1, 3, 500));

        var ids = KuaiRandReader.ReadInteractions(text).Select(i => i.EventId).ToList();

        Assert.Equal(["2-3000-0", "1-1000-1", "1-500-2"], ids);
    }

    [Fact]
    public void Lines_are_read_only_as_far_as_the_enumeration_goes()
    {
        var lines = new List<string> { KuaiRandCsv.Header };
        lines.AddRange(Enumerable.Range(0, 1_000).Select(k => KuaiRandCsv.Row(1, k, 1_000 + k)));
        var reader = new CountingReader(string.Join('\n', lines));

        var first = KuaiRandReader.ReadInteractions(reader).Take(3).ToList();

        Assert.Equal(3, first.Count);
        Assert.Equal(4, reader.LinesRead);
    }

    private sealed class CountingReader(string text) : StringReader(text)
    {
        public int LinesRead { get; private set; }

        public override string? ReadLine()
        {
            LinesRead++;
            return base.ReadLine();
        }
    }
}

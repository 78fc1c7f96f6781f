using Streaming.Core.Datasets;

namespace Streaming.Core.Tests.Datasets;

public class KuaiRandMalformedRowTests
{
    [Theory]
    [InlineData("1,2,20220430,1800,12x,0,0,0,0,0,0,0,1,1,0,0,0,1,1", "time_ms")]
    [InlineData("1,2,20220430,1800,1651000000000,0,2,0,0,0,0,0,1,1,0,0,0,1,1", "is_like")]
    [InlineData("1,2,20220430,1800,1651000000000,0,0,0,0,0,0,0,1,99999999999,0,0,0,1,1", "duration_ms")]
    [InlineData(",2,20220430,1800,1651000000000,0,0,0,0,0,0,0,1,1,0,0,0,1,1", "user_id")]
    public void A_malformed_value_names_its_line_and_column(string badRow, string column)
    {
        var text = KuaiRandCsv.Text(KuaiRandCsv.Header, KuaiRandCsv.Row(1, 1, 1_000), string.Empty, badRow);

        var error = Assert.Throws<FormatException>(() => KuaiRandReader.ReadInteractions(text).ToList());

        Assert.Contains("line 4", error.Message, StringComparison.Ordinal);
        Assert.Contains($"'{column}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_row_with_the_wrong_number_of_fields_names_its_line()
    {
        var text = KuaiRandCsv.Text(KuaiRandCsv.Header, "1,2,3");

        var error = Assert.Throws<FormatException>(() => KuaiRandReader.ReadWithRequests(text).ToList());

        Assert.Contains("line 2", error.Message, StringComparison.Ordinal);
        Assert.Contains("19 fields", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_header_without_a_required_column_or_no_header_is_rejected()
    {
        var missing = Assert.Throws<FormatException>(() => KuaiRandReader.ReadInteractions(KuaiRandCsv.Text(KuaiRandCsv.Header.Replace("play_time_ms", "play", StringComparison.Ordinal))).ToList());
        var empty = Assert.Throws<FormatException>(() => KuaiRandReader.ReadInteractions(new StringReader(string.Empty)).ToList());

        Assert.Contains("'play_time_ms'", missing.Message, StringComparison.Ordinal);
        Assert.Contains("line 1", empty.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void With_a_handler_malformed_rows_are_reported_and_skipped_keeping_row_numbers()
    {
        var text = KuaiRandCsv.Text(
            KuaiRandCsv.Header,
            KuaiRandCsv.Row(1, 1, 1_000),
            "1,2,bad",
            KuaiRandCsv.Row(1, 3, 2_000));
        var errors = new List<FormatException>();

        var events = KuaiRandReader.ReadWithRequests(text, onMalformedRow: errors.Add).ToList();

        var error = Assert.Single(errors);
        Assert.Contains("line 3", error.Message, StringComparison.Ordinal);
        Assert.Equal(["1-1000-0", "1-2000-2"], events.Where(e => e.IsInteraction).Select(e => e.Interaction!.EventId));
        Assert.Equal("kr-1-0", Assert.Single(events, e => e.IsRequest).Request!.RequestId);
    }
}

using Streaming.Core.Datasets;
using Streaming.Core.Events;

namespace Streaming.Core.Tests.Datasets;

public class KuaiRandRequestGroupingTests
{
    private const long T = 1_651_000_000_000;

    [Fact]
    public void Rows_of_one_user_within_60_seconds_of_the_first_form_one_request_that_precedes_them()
    {
        var text = KuaiRandCsv.Text(
            KuaiRandCsv.Header,
            KuaiRandCsv.Row(1, 10, T, durationMs: 5_000),
            KuaiRandCsv.Row(1, 11, T + 30_000, durationMs: 0),
            KuaiRandCsv.Row(1, 12, T + 60_000, durationMs: 70_000),   // exactly at the span: joins
            KuaiRandCsv.Row(1, 13, T + 60_001),                       // past it: next request
            KuaiRandCsv.Row(2, 14, T + 60_002));                      // another user: next request

        var events = KuaiRandReader.ReadWithRequests(text).ToList();

        Assert.Equal(["R:kr-1-0", "I:1-1651000000000-0", "I:1-1651000030000-1", "I:1-1651000060000-2", "R:kr-1-3", "I:1-1651000060001-3", "R:kr-2-4", "I:2-1651000060002-4"], events.Select(Label));
        var request = events[0].Request!;
        Assert.Equal(1L, request.UserId);
        Assert.Equal(T, request.TsMs);
        Assert.Null(request.Treatment);
        Assert.Equal([new Candidate(10, -1, -1, 5_000), new Candidate(11, -1, -1, 0), new Candidate(12, -1, -1, 70_000)], request.Candidates);
        Assert.All(events.Skip(1).Take(3), e => Assert.Equal("kr-1-0", e.Interaction!.RequestId));
        Assert.Equal("kr-2-4", events[7].Interaction!.RequestId);
    }

    [Fact]
    public void A_repeated_item_a_step_back_in_time_or_a_full_group_starts_the_next_request()
    {
        var text = KuaiRandCsv.Text(
            KuaiRandCsv.Header,
            KuaiRandCsv.Row(1, 10, T),
            KuaiRandCsv.Row(1, 10, T + 1_000),   // same item again
            KuaiRandCsv.Row(1, 11, T + 500),     // earlier than its group's first row
            KuaiRandCsv.Row(1, 12, T + 2_000),
            KuaiRandCsv.Row(1, 13, T + 3_000));  // the group of row 2 is full at two rows

        var requests = KuaiRandReader.ReadWithRequests(text, new KuaiRandRequestRule { MaxRows = 2 })
            .Where(e => e.IsRequest)
            .Select(e => (e.Request!.RequestId, Items: string.Join(' ', e.Request.Candidates.Select(c => c.ItemId))))
            .ToList();

        Assert.Equal([("kr-1-0", "10"), ("kr-1-1", "10"), ("kr-1-2", "11 12"), ("kr-1-4", "13")], requests);
    }

    [Fact]
    public void Interactions_with_requests_differ_from_the_plain_mapping_only_by_request_id()
    {
        string[] lines = [KuaiRandCsv.Header, KuaiRandCsv.Row(3, 1, T, "1100101", 4_000, 3_000), KuaiRandCsv.Row(3, 2, T + 5_000), KuaiRandCsv.Row(4, 2, T)];

        var plain = KuaiRandReader.ReadInteractions(KuaiRandCsv.Text(lines)).ToList();
        var tagged = KuaiRandReader.ReadWithRequests(KuaiRandCsv.Text(lines)).Where(e => e.IsInteraction).Select(e => e.Interaction!).ToList();

        Assert.Equal(plain, tagged.Select(i => i with { RequestId = null }));
        Assert.Equal(["kr-3-0", "kr-3-0", "kr-4-2"], tagged.Select(i => i.RequestId!));
    }

    private static string Label(DatasetEvent e) => e.IsRequest ? "R:" + e.Request!.RequestId : "I:" + e.Interaction!.EventId;
}

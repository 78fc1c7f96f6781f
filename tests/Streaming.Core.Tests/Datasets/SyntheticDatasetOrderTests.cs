namespace Streaming.Core.Tests.Datasets;

public class SyntheticDatasetOrderTests
{
    [Fact]
    public void Events_come_in_global_time_order_and_each_user_strictly_in_time_order()
    {
        var events = SyntheticSample.Small.Events;
        var lastByUser = new Dictionary<long, long>();
        for (var k = 0; k < events.Count; k++)
        {
            var e = events[k];
            if (k > 0)
            {
                Assert.True(e.TsMs >= events[k - 1].TsMs, $"event {k} goes back in time");
            }

            if (lastByUser.TryGetValue(e.UserId, out var last))
            {
                Assert.True(e.TsMs > last, $"user {e.UserId} not strictly ordered at event {k}");
            }

            lastByUser[e.UserId] = e.TsMs;
        }

        // Rare users (low activity, a late first session) may not appear before the target is reached.
        Assert.True(lastByUser.Count > 0.9 * SyntheticSample.SmallOptions.Users, $"{lastByUser.Count} users appear");
    }

    [Fact]
    public void A_request_precedes_its_interactions_which_expose_its_candidates_of_its_user()
    {
        var requests = new Dictionary<string, Streaming.Core.Events.ScoringRequest>();
        var exposedPerRequest = new Dictionary<string, HashSet<long>>();
        foreach (var e in SyntheticSample.Small.Events)
        {
            if (e.Request is { } r)
            {
                Assert.True(requests.TryAdd(r.RequestId, r), $"request id {r.RequestId} repeats");
                Assert.Equal(SyntheticSample.SmallOptions.CandidatesPerRequest, r.Candidates.Count);
                Assert.Equal(r.Candidates.Count, r.Candidates.Select(c => c.ItemId).Distinct().Count());
                exposedPerRequest[r.RequestId] = [];
                continue;
            }

            var i = e.Interaction!;
            Assert.NotNull(i.RequestId);
            Assert.True(requests.TryGetValue(i.RequestId, out var request), $"interaction {i.EventId} before its request");
            Assert.Equal(request.UserId, i.UserId);
            Assert.True(i.TsMs > request.TsMs);
            var candidate = Assert.Single(request.Candidates, c => c.ItemId == i.ItemId);
            Assert.Equal(candidate.Category, i.Category);
            Assert.Equal(candidate.DurationMs, i.DurationMs);
            Assert.Equal(candidate.AuthorId, i.AuthorId);
            Assert.True(exposedPerRequest[i.RequestId].Add(i.ItemId), "an item exposed twice by one request");
        }

        var exposures = exposedPerRequest.Values.Select(s => s.Count).ToList();
        Assert.InRange(exposures.Max(), 2, SyntheticSample.SmallOptions.MaxExposuresPerRequest);
    }

    [Fact]
    public void Event_ids_are_unique()
    {
        var ids = SyntheticSample.Small.Events.Where(e => e.IsInteraction).Select(e => e.Interaction!.EventId).ToList();

        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public void Plays_within_a_session_are_seconds_apart_and_sessions_more_than_30_minutes_apart()
    {
        var lastByUser = new Dictionary<long, long>();
        int withinSession = 0, betweenSessions = 0;
        foreach (var i in SyntheticSample.Small.Events.Where(e => e.IsInteraction).Select(e => e.Interaction!))
        {
            if (lastByUser.TryGetValue(i.UserId, out var last))
            {
                var gap = i.TsMs - last;
                // The longest play is 10 minutes; a session break is over 30 minutes.
                if (gap <= 11 * 60_000)
                {
                    withinSession++;
                }
                else
                {
                    Assert.True(gap > 30 * 60_000, $"gap of {gap} ms is neither a swipe nor a session break");
                    betweenSessions++;
                }
            }

            lastByUser[i.UserId] = i.TsMs;
        }

        Assert.True(betweenSessions > SyntheticSample.SmallOptions.Users, $"{betweenSessions} session breaks");
        Assert.True(withinSession > 5 * betweenSessions, $"{withinSession} in-session gaps");
    }

    [Fact]
    public void Users_are_interleaved_rather_than_produced_one_after_another()
    {
        var events = SyntheticSample.Default.Events;
        var firstTenth = events.Take(events.Count / 10).Select(e => e.UserId).Distinct().Count();
        var longestRun = 0;
        var run = 0;
        for (var k = 0; k < events.Count; k++)
        {
            run = k > 0 && events[k].UserId == events[k - 1].UserId ? run + 1 : 1;
            longestRun = Math.Max(longestRun, run);
        }

        // A session is dozens of events; with 2,000 users many sessions overlap, so runs stay short.
        Assert.True(firstTenth > SyntheticSample.Default.Dataset.Options.Users / 4, $"{firstTenth} users in the first tenth");
        Assert.True(longestRun < 12, $"{longestRun} consecutive events of one user");
    }
}

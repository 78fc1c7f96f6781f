using System.Globalization;
using Streaming.Core.Events;

namespace Streaming.Core.Datasets;

/// <summary>
/// Simulates one scoring request of one user: draws the candidates and the treatment, chooses the
/// exposed candidates, and plays them with the ground-truth engagement model of
/// <c>docs/datasets.md</c>. Owns scratch buffers, so one instance serves one enumeration.
/// </summary>
internal sealed class SyntheticRequestSimulator
{
    private const int LongViewCapMs = 18_000; // KuaiRand: long view = full play up to 18 s, else 18 s
    private const int ClickCapMs = 7_000;     // KuaiRand: click = full play up to 7 s, else > 7 s
    private const long SessionGapMs = 30 * 60_000L;

    private readonly SyntheticOptions _options;
    private readonly SyntheticCatalog _catalog;
    private readonly string _idPrefix;
    private readonly int[] _candidateItems;
    private readonly double[] _keys;
    private readonly bool[] _taken;

    public SyntheticRequestSimulator(SyntheticOptions options, SyntheticCatalog catalog)
    {
        _options = options;
        _catalog = catalog;
        _idPrefix = "syn" + options.Seed.ToString(CultureInfo.InvariantCulture);
        _candidateItems = new int[options.CandidatesPerRequest];
        _keys = new double[options.CandidatesPerRequest];
        _taken = new bool[options.CandidatesPerRequest];
    }

    /// <summary>
    /// The ground-truth probability that <paramref name="profile"/>'s user engages (long view)
    /// with the item at <paramref name="itemIndex"/> after <paramref name="similarRecent"/> items
    /// of its category in the recent window.
    /// </summary>
    public static double EngagementProbability(SyntheticOptions options, SyntheticCatalog catalog, SyntheticUserProfile profile, int itemIndex, int similarRecent)
    {
        var affinity = profile.Affinity(catalog.Vector(itemIndex));
        var durationPreference = profile.DurationPreference(SyntheticCatalog.DurationBucket(catalog.TrueDurationMs(itemIndex)));
        var p = options.BaseEngagement * affinity * durationPreference * Math.Exp(-options.FatigueLambda * similarRecent);
        return Math.Min(p, 1.0);
    }

    /// <summary>
    /// Starts the user's next request at <c>user.NextRequestTs</c>: returns it and queues at most
    /// <paramref name="exposureLimit"/> (at least 1) interactions on the user; sets the time of the following request.
    /// </summary>
    public ScoringRequest Simulate(SyntheticUser user, long exposureLimit)
    {
        ref var rng = ref user.Rng;
        var requestTs = user.NextRequestTs;
        var requestId = string.Create(CultureInfo.InvariantCulture, $"{_idPrefix}-{user.Id}-{user.RequestCount}");
        user.RequestCount++;

        var candidates = DrawCandidates(user);
        var treatment = rng.NextInt(3);
        var exposures = (int)Math.Min(1 + rng.NextInt(_options.MaxExposuresPerRequest), exposureLimit);
        RankForExposure(user, treatment);

        var ts = requestTs + 50 + rng.NextInt(250); // serving latency before the first exposure
        var playMs = 0;
        for (var j = 0; j < exposures; j++)
        {
            var slot = TakeBest();
            var eventId = string.Create(CultureInfo.InvariantCulture, $"{requestId}-{j}");
            var interaction = Play(user, _candidateItems[slot], ts, eventId, requestId, out playMs);
            user.AddPending(interaction);
            ts += playMs + SwipeGapMs(ref rng);
        }

        // ts is now the end of the last play plus a swipe gap: the next request of this session.
        if (rng.NextBool(1.0 / _options.RequestsPerSession))
        {
            var gap = SessionGapMs + 1 + (long)rng.NextExponential(user.MeanSessionGapMs(_options));
            user.NextRequestTs = ts + gap;
        }
        else
        {
            user.NextRequestTs = ts;
        }

        return new ScoringRequest
        {
            RequestId = requestId,
            UserId = user.Id,
            TsMs = requestTs,
            Candidates = candidates,
            Treatment = treatment,
        };
    }

    private static int SwipeGapMs(ref Xoshiro256StarStar rng) => 300 + rng.NextInt(1_700);

    private Candidate[] DrawCandidates(SyntheticUser user)
    {
        ref var rng = ref user.Rng;
        var candidates = new Candidate[_candidateItems.Length];
        for (var c = 0; c < candidates.Length; c++)
        {
            int item;
            var attempts = 0;
            do
            {
                // Retrieval: mostly the user's topics, some exploration; after a few duplicates,
                // uniform draws (Items >= 2 * candidates) end the loop quickly.
                item = attempts < 8 && rng.NextBool(_options.InterestShare)
                    ? _catalog.SampleInCategory(ref rng, user.Profile.SampleTopic(ref rng))
                    : -1;
                if (item < 0)
                {
                    item = rng.NextInt(_catalog.Count);
                }

                attempts++;
            }
            while (Array.IndexOf(_candidateItems, item, 0, c) >= 0);

            _candidateItems[c] = item;
            candidates[c] = new Candidate(item + 1L, _catalog.Author(item), _catalog.Category(item), _catalog.LoggedDurationMs(item));
        }

        return candidates;
    }

    // Gumbel-top-k: taking keys in descending order samples exposures without replacement with
    // probability proportional to affinity * treatment bonus, the order being the ranked feed.
    private void RankForExposure(SyntheticUser user, int treatment)
    {
        ref var rng = ref user.Rng;
        for (var c = 0; c < _candidateItems.Length; c++)
        {
            var item = _candidateItems[c];
            var logWeight = Math.Log(user.Profile.Affinity(_catalog.Vector(item)));
            var bucket = SyntheticCatalog.DurationBucket(_catalog.TrueDurationMs(item));
            if ((treatment == 1 && bucket <= 1) || (treatment == 2 && bucket >= 4))
            {
                logWeight += _options.TreatmentBias;
            }

            var u = ((rng.NextUInt64() >> 11) + 0.5) * (1.0 / (1UL << 53)); // (0, 1)
            _keys[c] = logWeight - Math.Log(-Math.Log(u));
            _taken[c] = false;
        }
    }

    private int TakeBest()
    {
        var best = -1;
        for (var c = 0; c < _keys.Length; c++)
        {
            if (!_taken[c] && (best < 0 || _keys[c] > _keys[best]))
            {
                best = c;
            }
        }

        _taken[best] = true;
        return best;
    }

    private Interaction Play(SyntheticUser user, int item, long ts, string eventId, string requestId, out int playMs)
    {
        ref var rng = ref user.Rng;
        var category = _catalog.Category(item);
        var durationMs = _catalog.TrueDurationMs(item);
        var bucket = SyntheticCatalog.DurationBucket(durationMs);
        var p = EngagementProbability(_options, _catalog, user.Profile, item, user.CountRecent(category));

        // A fixed number of draws per play keeps the stream aligned whatever the outcome.
        var engaged = rng.NextBool(p);
        var u1 = rng.NextDouble();
        var u2 = rng.NextDouble();
        var uLike = rng.NextDouble();
        var uFollow = rng.NextDouble();
        var uComment = rng.NextDouble();
        var uForward = rng.NextDouble();
        var uHate = rng.NextDouble();

        // Engaged <=> long view: engaged plays reach the long-view threshold, others stop before it.
        var longViewAt = Math.Min(durationMs, LongViewCapMs);
        if (engaged)
        {
            if (durationMs <= LongViewCapMs)
            {
                playMs = durationMs + (u1 < 0.3 ? (int)(u2 * durationMs) : 0); // 30% replay part of it
            }
            else
            {
                // Watched share of the rest: the closer to the favourite bucket, the more completions.
                var share = Math.Min(1.0, u2 * (0.6 + user.Profile.DurationPreference(bucket)));
                playMs = LongViewCapMs + (int)Math.Round(share * (durationMs - LongViewCapMs));
            }
        }
        else
        {
            playMs = (int)Math.Min(longViewAt - 1, 200 + (-2_300.0 * Math.Log(1.0 - u2))); // a skip
        }

        user.PushRecent(category);
        return new Interaction
        {
            EventId = eventId,
            UserId = user.Id,
            ItemId = item + 1L,
            AuthorId = _catalog.Author(item),
            Category = category,
            DurationMs = _catalog.LoggedDurationMs(item),
            TsMs = ts,
            PlayTimeMs = playMs,
            Click = durationMs <= ClickCapMs ? playMs >= durationMs : playMs > ClickCapMs,
            LongView = playMs >= longViewAt,
            Like = engaged && uLike < 0.08,
            Follow = engaged && uFollow < 0.01,
            Comment = engaged && uComment < 0.012,
            Forward = engaged && uForward < 0.006,
            Hate = !engaged && uHate < 0.004,
            RequestId = requestId,
        };
    }
}

using Streaming.Benchmarks.LifeCycle;
using Streaming.Core.Events;
using Streaming.Core.Features;
using Streaming.Core.Features.Vectors;

namespace Streaming.Benchmarks.Features;

/// <summary>
/// One deterministic user for the feature-engine benchmarks: <c>lifecycle.max_items</c> = the
/// life-cycle item count, so the log is full and every further Apply evicts; interactions arrive
/// evenly, <c>dayEvents</c> per 24 hours, so the day window is full and slides (one in, one out).
/// Every interaction has a known duration (it joins the log) and a new item id (hash vectors of
/// distinct ids are unrelated, like the random vectors of <see cref="LifeCycleBenchmarks"/>).
/// Durations are uniform over 3 s .. 240 s, play time uniform over [0, 1.25] x duration (a fifth
/// complete), 50 categories, click 10 %, long view 30 %, like 5 %.
/// </summary>
internal sealed class BenchUser
{
    /// <summary>2024-09-01T00:00:00Z.</summary>
    public const long T0 = 1_725_148_800_000;

    private const int PoolSize = 4096;
    private const long UserId = 42;

    private readonly Interaction[] _pool = new Interaction[PoolSize];
    private long _nextItem = 1_000_000;
    private long _applied;

    private BenchUser(int lifeCycleItems, int dayEvents)
    {
        Options = FeatureOptions.Default with { LifeCycleMaxItems = lifeCycleItems };
        Engine = new FeatureEngine(Options, new HashItemVectors(Options.EmbeddingDim));
        State = Engine.CreateState(UserId);
        IntervalMs = 86_400_000L / dayEvents;
        LatestTs = T0;
        var random = new SplitMixRandom(20_240_901);
        for (var i = 0; i < PoolSize; i++)
        {
            var duration = 3_000 + (int)(random.NextDouble() * 237_000);
            _pool[i] = new Interaction
            {
                EventId = "bench",
                UserId = UserId,
                ItemId = 0,
                TsMs = 0,
                Category = (int)(random.Next() % 50),
                DurationMs = duration,
                PlayTimeMs = (int)(random.NextDouble() * 1.25 * duration),
                Click = random.NextDouble() < 0.1,
                LongView = random.NextDouble() < 0.3,
                Like = random.NextDouble() < 0.05,
            };
        }
    }

    public FeatureOptions Options { get; }

    public FeatureEngine Engine { get; }

    public UserState State { get; }

    /// <summary>Milliseconds between consecutive interactions.</summary>
    public long IntervalMs { get; }

    /// <summary>Event time of the newest interaction applied.</summary>
    public long LatestTs { get; private set; }

    /// <summary>Item id of the newest interaction applied.</summary>
    public long LatestItem => _nextItem - 1;

    /// <summary>
    /// A user with a full life-cycle log of <paramref name="lifeCycleItems"/> items and a full day
    /// window of <paramref name="dayEvents"/> events, warmed until its buffers have (nearly) their steady size.
    /// </summary>
    public static BenchUser Create(int lifeCycleItems, int dayEvents)
    {
        var user = new BenchUser(lifeCycleItems, dayEvents);
        // Three log turnovers: the cluster count of a full log still creeps up for a while after
        // the log fills (clusters grow rather than multiply), and with it the high-water marks of
        // the state's buffers; after that, growth is rare enough not to show per operation.
        var prefill = (3 * lifeCycleItems) + (2 * dayEvents) + (2 * PoolSize);
        for (var i = 0; i < prefill; i++)
        {
            user.Engine.Apply(user.State, user.Next());
        }
        return user;
    }

    /// <summary>The next interaction (a pooled record, rewritten in place: use it before asking for another).</summary>
    public Interaction Next()
    {
        var interaction = _pool[(int)(_applied++ % PoolSize)];
        LatestTs += IntervalMs;
        InteractionFields.TsMs(interaction) = LatestTs;
        InteractionFields.ItemId(interaction) = _nextItem++;
        return interaction;
    }

    /// <summary>
    /// Candidates for scoring: nine in ten new items, one in ten an item of the last day (so the
    /// same-item counts are exercised); categories and durations as for interactions.
    /// </summary>
    public Candidate[] Candidates(int count, ulong seed)
    {
        var random = new SplitMixRandom(seed);
        var candidates = new Candidate[count];
        var dayEvents = (int)Math.Min(86_400_000L / IntervalMs, _nextItem - 1_000_000);
        for (var i = 0; i < count; i++)
        {
            var item = i % 10 == 9
                ? LatestItem - (long)(random.Next() % (ulong)dayEvents)
                : 500_000_000 + (long)(random.Next() % 1_000_000_000);
            candidates[i] = new Candidate(item, -1, (int)(random.Next() % 50), 3_000 + (int)(random.NextDouble() * 237_000));
        }
        return candidates;
    }
}

using BenchmarkDotNet.Attributes;
using Streaming.Core.Events;
using Streaming.Core.Features;
using Streaming.Core.Features.Context;

namespace Streaming.Benchmarks.Features;

/// <summary>
/// <see cref="FeatureEngine"/> on one user (see <see cref="BenchUser"/>) with
/// <see cref="LifeCycleItems"/> items in a full life-cycle log (<c>lifecycle.max_items</c> = that
/// count, so Apply includes an eviction) and <see cref="DayEvents"/> interactions per 24 hours in
/// the day window (300 is a heavy-but-real user; 2,000 is the <c>fatigue.max_day_events</c> cap).
/// Apply: one interaction, steady state. ComputeCandidate: one candidate's features at a scoring
/// time one second after the newest interaction (the state is not changed between candidates).
/// ComputeCandidatesPerRequest: the same, through <see cref="FeatureEngine.ComputeCandidates"/> for
/// a request of <see cref="RequestSize"/> candidates, reported per candidate.
/// ComputeContext: the request-level context and request side, 100 candidates.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class FeatureEngineBenchmarks
{
    private BenchUser _user = null!;
    private FeatureEngine _engine = null!;
    private UserState _state = null!;
    private Candidate[] _candidates = null!;
    private CandidateFeatures _candidateFeatures = null!;
    private ContextFeatures _contextFeatures = null!;
    private ScoringRequest _request = null!;
    private CandidateFeatures[] _requestFeatures = null!;
    private int _nextCandidate;
    private int _nextRequest;

    /// <summary>Candidates per request in ComputeCandidatesPerRequest.</summary>
    public const int RequestSize = 64;

    [Params(100, 10_000, 100_000)]
    public int LifeCycleItems { get; set; }

    [Params(300, 2_000)]
    public int DayEvents { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _user = BenchUser.Create(LifeCycleItems, DayEvents);
        _engine = _user.Engine;
        _state = _user.State;
        _candidates = _user.Candidates(4096, 7);
        _candidateFeatures = _engine.CreateCandidateFeatures();
        _contextFeatures = _engine.CreateContextFeatures();
        _requestFeatures = [.. Enumerable.Range(0, RequestSize).Select(_ => _engine.CreateCandidateFeatures())];
        _request = new ScoringRequest
        {
            RequestId = "bench",
            UserId = _state.UserId,
            TsMs = _user.LatestTs + 1_000,
            Candidates = _candidates[..100],
        };
        // Warm the scratch buffers the candidate path grows on first use.
        for (var i = 0; i < 256; i++)
        {
            ComputeCandidate();
        }
        ComputeCandidatesPerRequest();
        Console.WriteLine($"// {LifeCycleItems} items, {DayEvents}/day: {_state.LifeCycle.ClusterCount} clusters, {_state.Fatigue.DayEventCount} day events");
    }

    [Benchmark]
    public void Apply() => _engine.Apply(_state, _user.Next());

    [Benchmark]
    public int ComputeCandidate()
    {
        var candidate = _candidates[_nextCandidate++ & 4095];
        _engine.ComputeCandidate(_state, _request.TsMs, candidate, _candidateFeatures);
        return _candidateFeatures.ClusterCount;
    }

    [Benchmark(OperationsPerInvoke = RequestSize)]
    public int ComputeCandidatesPerRequest()
    {
        var from = (_nextRequest++ & ((4096 / RequestSize) - 1)) * RequestSize;
        _engine.ComputeCandidates(_state, _request.TsMs, _candidates.AsSpan(from, RequestSize), _requestFeatures);
        return _requestFeatures[0].ClusterCount;
    }

    [Benchmark]
    public double ComputeContext()
    {
        _engine.ComputeContext(_state, _request, _contextFeatures);
        return _contextFeatures.RequestMeanDurationS;
    }
}

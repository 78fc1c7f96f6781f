using BenchmarkDotNet.Attributes;
using Streaming.Core.Features;
using Streaming.Core.Features.LifeCycle;

namespace Streaming.Benchmarks.LifeCycle;

/// <summary>
/// The life-cycle hot paths on a user whose log holds <see cref="Items"/> items. The log cap is set
/// to <see cref="Items"/>, so every measured Apply is the steady state: evict the oldest item
/// (shrinking or removing its cluster), then search the group's clusters and join, split or start
/// one. Vectors are random unit vectors (hash-like) from a fixed-seed generator, a pool twice the
/// log so that a measured item is never still in the log when it comes round again; completions
/// are uniform over [0, 1.25], so a fifth of the plays are complete (group 3).
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class LifeCycleBenchmarks
{
    private readonly ClusterFeature[] _destination = new ClusterFeature[100];
    private LifeCycleEngine _engine = null!;
    private LifeCycleClusters _state = null!;
    private float[] _vectors = null!;
    private int[] _plays = null!;
    private int _dim;
    private int _poolSize;
    private long _next;

    [Params(100, 10_000, 100_000)]
    public int Items { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var options = FeatureOptions.Default with { LifeCycleMaxItems = Items };
        _engine = new LifeCycleEngine(options);
        _state = new LifeCycleClusters();
        var random = new SplitMixRandom(20_240_901);
        _dim = options.EmbeddingDim;
        _poolSize = Math.Max(4096, 2 * Items);
        _vectors = new float[_poolSize * _dim];
        _plays = new int[_poolSize];
        for (var i = 0; i < _poolSize; i++)
        {
            random.UnitVector(_dim).CopyTo(_vectors, i * _dim);
            _plays[i] = (int)(random.NextDouble() * 12_500);
        }
        // Prefill with fresh vectors (not the pool) so the measured items are new to the user.
        for (var i = 0; i < Items; i++)
        {
            _engine.Apply(_state, -1 - i, random.UnitVector(options.EmbeddingDim), (int)(random.NextDouble() * 12_500), 10_000, i);
        }
        // Warm up until scratch buffers and slots reach their steady size.
        for (var i = 0; i < Math.Max(4096, Items); i++)
        {
            Apply();
        }
        Console.WriteLine($"// {Items} items: {_state.ClusterCount} clusters");
    }

    [Benchmark]
    public void Apply()
    {
        var i = (int)(_next % _poolSize);
        _engine.Apply(_state, _next, _vectors.AsSpan(i * _dim, _dim), _plays[i], 10_000, 1_000_000 + _next);
        _next++;
    }

    [Benchmark]
    public int TopClusters()
    {
        var i = (int)(_next++ % _poolSize);
        return _engine.TopClusters(_state, _vectors.AsSpan(i * _dim, _dim), _destination);
    }
}

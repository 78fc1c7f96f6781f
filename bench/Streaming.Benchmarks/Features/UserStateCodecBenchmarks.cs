using BenchmarkDotNet.Attributes;
using Streaming.Core.Encoding;
using Streaming.Core.Features;

namespace Streaming.Benchmarks.Features;

/// <summary>
/// <see cref="UserStateCodec"/> on the users of <see cref="FeatureEngineBenchmarks"/>: the
/// pipeline re-encodes every changed user at each checkpoint and decodes a user on a cache miss.
/// Encode writes into a reused <see cref="StateWriter"/>; EncodeToArray is the pipeline's call
/// (a fresh array per user); Decode rebuilds the whole state.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class UserStateCodecBenchmarks
{
    private readonly StateWriter _writer = new(1024);
    private BenchUser _user = null!;
    private byte[] _encoded = null!;

    [Params(100, 10_000, 100_000)]
    public int LifeCycleItems { get; set; }

    [Params(300, 2_000)]
    public int DayEvents { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _user = BenchUser.Create(LifeCycleItems, DayEvents);
        _encoded = UserStateCodec.Encode(_user.State);
        Encode();
        Console.WriteLine($"// {LifeCycleItems} items, {DayEvents}/day: {_encoded.Length} bytes");
    }

    [Benchmark]
    public int Encode()
    {
        _writer.Clear();
        UserStateCodec.Encode(_user.State, _writer);
        return _writer.Length;
    }

    [Benchmark]
    public int EncodeToArray() => UserStateCodec.Encode(_user.State).Length;

    [Benchmark]
    public UserState Decode() => UserStateCodec.Decode(_encoded, _user.Options, _user.Engine.Vectors);
}

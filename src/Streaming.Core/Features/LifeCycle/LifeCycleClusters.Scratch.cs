using System.Runtime.CompilerServices;

namespace Streaming.Core.Features.LifeCycle;

// Scratch buffers of the engine's hot path. They live in the state (one user, one thread) rather
// than in the engine, so one engine may serve many users on many threads. They only grow.
public sealed partial class LifeCycleClusters
{
    private float[] _cosineScratch = [];
    private float[] _gatherScratch = [];
    private RankedCluster[] _rankScratch = [];

    internal Span<float> CosineScratch(int length)
    {
        if (_cosineScratch.Length < length)
        {
            _cosineScratch = Grown<float>(length);
        }
        return _cosineScratch.AsSpan(0, length);
    }

    internal Span<float> GatherScratch(int length)
    {
        if (_gatherScratch.Length < length)
        {
            _gatherScratch = Grown<float>(length);
        }
        return _gatherScratch.AsSpan(0, length);
    }

    internal Span<RankedCluster> RankScratch(int length)
    {
        if (_rankScratch.Length < length)
        {
            _rankScratch = Grown<RankedCluster>(length);
        }
        return _rankScratch.AsSpan(0, length);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static T[] Grown<T>(int length) => new T[Math.Max(length, 64) * 3 / 2];
}

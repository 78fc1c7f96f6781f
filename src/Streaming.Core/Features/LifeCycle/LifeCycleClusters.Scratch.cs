using System.Runtime.CompilerServices;

namespace Streaming.Core.Features.LifeCycle;

// Scratch buffers of the engine's hot path. They live in the state (one user, one thread) rather
// than in the engine, so one engine may serve many users on many threads. They only grow.
public sealed partial class LifeCycleClusters
{
    private float[] _cosineScratch = [];
    private float[] _batchCosineScratch = [];
    private float[] _gatherScratch = [];
    private ulong[] _candidateKeys = [];
    private int[] _candidateSlots = [];
    private double[] _attentionKeys = [];
    private ulong[] _attentionOrder = [];

    internal Span<float> CosineScratch(int length)
    {
        if (_cosineScratch.Length < length)
        {
            _cosineScratch = Grown<float>(length);
        }
        return _cosineScratch.AsSpan(0, length);
    }

    /// <summary>Cosines of several targets side by side (<see cref="LifeCycleEngine.TopClustersOfFour"/>).</summary>
    internal Span<float> BatchCosineScratch(int length)
    {
        if (_batchCosineScratch.Length < length)
        {
            _batchCosineScratch = Grown<float>(length);
        }
        return _batchCosineScratch.AsSpan(0, length);
    }

    internal Span<float> GatherScratch(int length)
    {
        if (_gatherScratch.Length < length)
        {
            _gatherScratch = Grown<float>(length);
        }
        return _gatherScratch.AsSpan(0, length);
    }

    /// <summary>Candidate keys and slots of the top-cluster selection, at least <paramref name="length"/> long.</summary>
    internal (ulong[] Keys, int[] Slots) CandidateScratch(int length)
    {
        if (_candidateKeys.Length < length)
        {
            _candidateKeys = Grown<ulong>(length);
            _candidateSlots = Grown<int>(length);
        }
        return (_candidateKeys, _candidateSlots);
    }

    /// <summary>Attention values and output-order sort keys of the attention sort, at least <paramref name="length"/> long.</summary>
    internal (double[] Values, ulong[] Order) AttentionScratch(int length)
    {
        if (_attentionKeys.Length < length)
        {
            _attentionKeys = Grown<double>(length);
            _attentionOrder = Grown<ulong>(length);
        }
        return (_attentionKeys, _attentionOrder);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static T[] Grown<T>(int length) => new T[Math.Max(length, 64) * 3 / 2];
}

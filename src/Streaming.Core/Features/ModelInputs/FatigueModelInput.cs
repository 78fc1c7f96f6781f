using Streaming.Core.Features.LifeCycle;

namespace Streaming.Core.Features.ModelInputs;

/// <summary>
/// One candidate's row of the <c>fatigue</c> stage's inputs (schemas/models/fatigue.json,
/// contract version 1), written from its <see cref="CandidateFeatures"/>. Every span is the
/// row of the input of the same name; their lengths are the contract's non-batch sizes.
/// </summary>
public ref struct FatigueModelInput
{
    /// <summary>The contract version this layout implements.</summary>
    public const int ContractVersion = 1;

    /// <summary>Values in one row of <see cref="ClusterSummary"/>.</summary>
    public const int ClusterSummarySize = 6;

    /// <summary>The layout name a logged row carries (<c>&lt;stage&gt;@&lt;contract_version&gt;</c>).</summary>
    public const string Layout = "fatigue@1";

    /// <summary>e(c), d values.</summary>
    public Span<float> ItemVector;

    /// <summary>e(R_1..R_T) row-major, oldest first; 0 where R_t does not exist.</summary>
    public Span<float> RecentVectors;

    /// <summary>1 where R_t exists (T values).</summary>
    public Span<float> RecentMask;

    /// <summary>M[t][k] row-major; 0 where undefined.</summary>
    public Span<float> FatigueM;

    /// <summary>1 where M[t][k] is defined.</summary>
    public Span<float> FatigueMMask;

    /// <summary>sim[t]; 0 where R_t does not exist.</summary>
    public Span<float> Sim;

    /// <summary>ln(1+n): n_all, n_same_item, n_same_category, n_similar, each for every window in order.</summary>
    public Span<float> Counts;

    /// <summary>The T-1 gaps of R, since_last_s, days_since_first, as ln(max(x, 0.5)); 0 where undefined.</summary>
    public Span<float> TimeFeatures;

    /// <summary>1 where the time feature is defined.</summary>
    public Span<float> TimeMask;

    /// <summary>Attention-weighted completion, attention-weighted cosine, max cosine, top attention, ln(1+log length), ln(1+clusters served).</summary>
    public Span<float> ClusterSummary;

    /// <summary>Floats in one row, all inputs together, for the engine's <paramref name="options"/> (340 with the defaults).</summary>
    public static int RowSize(FeatureOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        int d = options.EmbeddingDim, t = options.FatigueRecent, k = options.FatigueInterests;
        return d + (t * d) + t + (2 * t * k) + t + (4 * options.FatigueWindowsMs.Count) + (2 * (t + 1)) + ClusterSummarySize;
    }

    /// <summary>
    /// A row whose inputs are consecutive slices of <paramref name="flat"/> in contract order: the
    /// flattened layout of a logged sample (<see cref="Events.TrainingSample.Features"/>). Writing it
    /// fills <paramref name="flat"/>; over a logged row it names the row's parts.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="flat"/> is not <see cref="RowSize"/> long.</exception>
    public static FatigueModelInput Over(Span<float> flat, FeatureOptions options)
    {
        if (flat.Length != RowSize(options))
        {
            throw new ArgumentException($"A fatigue row has {RowSize(options)} floats, not {flat.Length}.", nameof(flat));
        }
        int d = options.EmbeddingDim, t = options.FatigueRecent, k = options.FatigueInterests;
        var at = 0;
        return new FatigueModelInput
        {
            ItemVector = Take(flat, ref at, d),
            RecentVectors = Take(flat, ref at, t * d),
            RecentMask = Take(flat, ref at, t),
            FatigueM = Take(flat, ref at, t * k),
            FatigueMMask = Take(flat, ref at, t * k),
            Sim = Take(flat, ref at, t),
            Counts = Take(flat, ref at, 4 * options.FatigueWindowsMs.Count),
            TimeFeatures = Take(flat, ref at, t + 1),
            TimeMask = Take(flat, ref at, t + 1),
            ClusterSummary = Take(flat, ref at, ClusterSummarySize),
        };
    }

    /// <summary>Copies the row into <paramref name="flat"/> in contract order (inputs in file order); returns the floats written.</summary>
    public readonly int CopyTo(Span<float> flat)
    {
        var at = 0;
        Put(ItemVector, flat, ref at);
        Put(RecentVectors, flat, ref at);
        Put(RecentMask, flat, ref at);
        Put(FatigueM, flat, ref at);
        Put(FatigueMMask, flat, ref at);
        Put(Sim, flat, ref at);
        Put(Counts, flat, ref at);
        Put(TimeFeatures, flat, ref at);
        Put(TimeMask, flat, ref at);
        Put(ClusterSummary, flat, ref at);
        return at;
    }

    internal static Span<float> Take(Span<float> flat, scoped ref int at, int length)
    {
        var part = flat.Slice(at, length);
        at += length;
        return part;
    }

    internal static void Put(ReadOnlySpan<float> part, Span<float> flat, ref int at)
    {
        part.CopyTo(flat[at..]);
        at += part.Length;
    }

    /// <summary>Writes the row of <paramref name="features"/>.</summary>
    public readonly void Write(CandidateFeatures features)
    {
        features.ItemVector.CopyTo(ItemVector);
        var fatigue = features.Fatigue;
        fatigue.SimMask.CopyTo(RecentMask);
        fatigue.MMask.CopyTo(FatigueMMask);
        CopyDefined(fatigue.RecentVectors, RecentVectors);
        CopyDefined(fatigue.M, FatigueM);
        CopyDefined(fatigue.Sim, Sim);

        var windows = fatigue.NAll.Length;
        for (var w = 0; w < windows; w++)
        {
            Counts[w] = ModelFeature.Count(fatigue.NAll[w]);
            Counts[windows + w] = ModelFeature.Count(fatigue.NSameItem[w]);
            Counts[(2 * windows) + w] = ModelFeature.Count(fatigue.NSameCategory[w]);
            Counts[(3 * windows) + w] = ModelFeature.Count(fatigue.NSimilar[w]);
        }

        var gaps = fatigue.GapS;
        for (var i = 0; i < gaps.Length; i++)
        {
            ModelFeature.Time(gaps[i], out TimeFeatures[i], out TimeMask[i]);
        }
        ModelFeature.Time(fatigue.SinceLastS, out TimeFeatures[gaps.Length], out TimeMask[gaps.Length]);
        ModelFeature.Time(fatigue.DaysSinceFirst, out TimeFeatures[gaps.Length + 1], out TimeMask[gaps.Length + 1]);

        WriteClusterSummary(features.Clusters, features.LifeCycleItems, ClusterSummary);
    }

    private static void CopyDefined(ReadOnlySpan<float> source, Span<float> destination)
    {
        for (var i = 0; i < source.Length; i++)
        {
            destination[i] = float.IsFinite(source[i]) ? source[i] : 0f;
        }
    }

    private static void WriteClusterSummary(ReadOnlySpan<ClusterFeature> clusters, int logLength, Span<float> destination)
    {
        double completion = 0, cosine = 0, maxCosine = 0;
        foreach (var cluster in clusters)
        {
            completion += cluster.Attention * cluster.MeanCompletion;
            cosine += cluster.Attention * cluster.Cosine;
            maxCosine = Math.Max(maxCosine, cluster.Cosine);
        }
        destination[0] = (float)completion;
        destination[1] = (float)cosine;
        destination[2] = (float)maxCosine;
        destination[3] = clusters.IsEmpty ? 0f : (float)clusters[0].Attention;
        destination[4] = ModelFeature.Count(logLength);
        destination[5] = ModelFeature.Count(clusters.Length);
    }
}

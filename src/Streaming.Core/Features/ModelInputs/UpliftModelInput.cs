using Streaming.Core.Features.Context;

namespace Streaming.Core.Features.ModelInputs;

/// <summary>
/// One request's row of the <c>uplift</c> stage's inputs (schemas/models/uplift.json, contract
/// version 1), written from its <see cref="ContextFeatures"/> (with the request side computed).
/// </summary>
public ref struct UpliftModelInput
{
    /// <summary>The contract version this layout implements.</summary>
    public const int ContractVersion = 1;

    /// <summary>Values per bucket of a short-term context window.</summary>
    public const int WindowStatsPerBucket = 7;

    /// <summary>Values of the session block.</summary>
    public const int SessionStats = 3;

    /// <summary>Values per bucket of the long-term block.</summary>
    public const int LongTermStatsPerBucket = 3;

    /// <summary>The layout name a logged row carries (<c>&lt;stage&gt;@&lt;contract_version&gt;</c>).</summary>
    public const string Layout = "uplift@1";

    /// <summary>Per bucket of ctx_recent then ctx_30min: ln(1+plays), share, ln(1+watch_s), completion, long_view_rate, skip_rate, engage_rate; then the session: ln(1+plays), ln(1+watch_s), ln(1+age_s); then per bucket of long_term: ln(1+plays), completion, long_view_rate.</summary>
    public Span<float> Context;

    /// <summary>1 where the context value is defined.</summary>
    public Span<float> ContextMask;

    /// <summary>The candidates' share per bucket, then ln(max(mean duration s, 0.5)).</summary>
    public Span<float> RequestShares;

    /// <summary>The width of <see cref="Context"/> for <paramref name="buckets"/> duration buckets.</summary>
    public static int ContextSize(int buckets) => (2 * WindowStatsPerBucket * buckets) + SessionStats + (LongTermStatsPerBucket * buckets);

    /// <summary>Floats in one row, all inputs together, for the engine's <paramref name="options"/> (217 with the defaults).</summary>
    public static int RowSize(FeatureOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return (2 * ContextSize(options.BucketCount)) + options.BucketCount + 1;
    }

    /// <summary>A row whose inputs are consecutive slices of <paramref name="flat"/> in contract order (see <see cref="FatigueModelInput.Over"/>).</summary>
    /// <exception cref="ArgumentException"><paramref name="flat"/> is not <see cref="RowSize"/> long.</exception>
    public static UpliftModelInput Over(Span<float> flat, FeatureOptions options)
    {
        if (flat.Length != RowSize(options))
        {
            throw new ArgumentException($"An uplift row has {RowSize(options)} floats, not {flat.Length}.", nameof(flat));
        }
        var context = ContextSize(options.BucketCount);
        var at = 0;
        return new UpliftModelInput
        {
            Context = FatigueModelInput.Take(flat, ref at, context),
            ContextMask = FatigueModelInput.Take(flat, ref at, context),
            RequestShares = FatigueModelInput.Take(flat, ref at, options.BucketCount + 1),
        };
    }

    /// <summary>Copies the row into <paramref name="flat"/> in contract order; returns the floats written.</summary>
    public readonly int CopyTo(Span<float> flat)
    {
        var at = 0;
        FatigueModelInput.Put(Context, flat, ref at);
        FatigueModelInput.Put(ContextMask, flat, ref at);
        FatigueModelInput.Put(RequestShares, flat, ref at);
        return at;
    }

    /// <summary>Writes the row of <paramref name="context"/>.</summary>
    public readonly void Write(ContextFeatures context)
    {
        var i = 0;
        i = WriteWindow(context.RecentPlays, i);
        i = WriteWindow(context.RecentMinutes, i);
        var session = context.Session;
        Defined(ref i, ModelFeature.Count(session.Plays));
        Defined(ref i, ModelFeature.Count(session.WatchS));
        Defined(ref i, ModelFeature.Count(session.AgeS));
        foreach (var bucket in context.LongTerm)
        {
            Defined(ref i, ModelFeature.Count(bucket.Plays));
            Maybe(ref i, bucket.Completion);
            Maybe(ref i, bucket.LongViewRate);
        }

        var shares = context.RequestShare;
        for (var b = 0; b < shares.Length; b++)
        {
            RequestShares[b] = double.IsFinite(shares[b]) ? (float)shares[b] : 0f;
        }
        ModelFeature.Time(context.RequestMeanDurationS, out RequestShares[shares.Length], out _);
    }

    private readonly int WriteWindow(ReadOnlySpan<BucketStats> window, int i)
    {
        foreach (var bucket in window)
        {
            Defined(ref i, ModelFeature.Count(bucket.Plays));
            Maybe(ref i, bucket.Share);
            Defined(ref i, ModelFeature.Count(bucket.WatchS));
            Maybe(ref i, bucket.Completion);
            Maybe(ref i, bucket.LongViewRate);
            Maybe(ref i, bucket.SkipRate);
            Maybe(ref i, bucket.EngageRate);
        }
        return i;
    }

    private readonly void Defined(ref int i, float value)
    {
        Context[i] = value;
        ContextMask[i] = 1f;
        i++;
    }

    private readonly void Maybe(ref int i, double value)
    {
        ModelFeature.Value(value, out Context[i], out ContextMask[i]);
        i++;
    }
}

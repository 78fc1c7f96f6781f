namespace Streaming.Core.Features.Context;

/// <summary>
/// The contextual features of a user at a scoring time and of a request's candidates (SPEC §5),
/// filled by <see cref="ContextEngine"/>. Reusable: every member is overwritten by each
/// computation. Undefined values (a rate over zero plays, the request side with no candidate of
/// known duration) are NaN.
/// </summary>
public sealed class ContextFeatures
{
    internal readonly BucketStats[] RecentPlaysStats;
    internal readonly BucketStats[] RecentMinutesStats;
    internal readonly LongTermBucketStats[] LongTermStats;
    internal readonly double[] RequestShares;

    /// <summary>Creates a features object sized for <paramref name="options"/>.</summary>
    /// <param name="options">The bucket edges.</param>
    public ContextFeatures(FeatureOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        BucketCount = options.BucketCount;
        RecentPlaysStats = new BucketStats[BucketCount];
        RecentMinutesStats = new BucketStats[BucketCount];
        LongTermStats = new LongTermBucketStats[BucketCount];
        RequestShares = new double[BucketCount];
    }

    /// <summary>B, the number of known buckets.</summary>
    public int BucketCount { get; }

    /// <summary>Per bucket, over the last <c>cdum.recent_plays</c> interactions (§8 <c>ctx_recent</c>).</summary>
    public ReadOnlySpan<BucketStats> RecentPlays => RecentPlaysStats;

    /// <summary>Per bucket, over the interactions with time in (t - <c>cdum.recent_minutes</c>, t] (§8 <c>ctx_30min</c>).</summary>
    public ReadOnlySpan<BucketStats> RecentMinutes => RecentMinutesStats;

    /// <summary>The current session at t (§8 <c>session</c>).</summary>
    public SessionFeatures Session { get; internal set; }

    /// <summary>Per bucket, over the UTC days day(t) - L + 1 .. day(t) (§8 <c>long_term</c>).</summary>
    public ReadOnlySpan<LongTermBucketStats> LongTerm => LongTermStats;

    /// <summary>Request side: the share of the request's known-duration candidates in each bucket; NaN when none has a known duration.</summary>
    public ReadOnlySpan<double> RequestShare => RequestShares;

    /// <summary>Request side: the mean duration in seconds of the candidates with a known duration; NaN when there are none.</summary>
    public double RequestMeanDurationS { get; internal set; }
}

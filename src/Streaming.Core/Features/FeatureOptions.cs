namespace Streaming.Core.Features;

/// <summary>
/// Every tunable of the feature engines, with the defaults of SPEC §2–§5. The property names map
/// one to one to the configuration keys in the SPEC (for example <see cref="FatigueRecent"/> is
/// <c>fatigue.recent</c>). Immutable: engines capture one instance for their lifetime.
/// </summary>
public sealed record FeatureOptions
{
    /// <summary>The SPEC defaults.</summary>
    public static FeatureOptions Default { get; } = new();

    /// <summary><c>embedding.dim</c>: dimension d of the item vectors.</summary>
    public int EmbeddingDim { get; init; } = 32;

    /// <summary><c>fatigue.history</c>: length of the history H.</summary>
    public int FatigueHistory { get; init; } = 100;

    /// <summary><c>fatigue.recent</c>: T, the length of the recent window R.</summary>
    public int FatigueRecent { get; init; } = 6;

    /// <summary><c>fatigue.interests</c>: K, the number of interest vectors.</summary>
    public int FatigueInterests { get; init; } = 6;

    /// <summary><c>fatigue.interest_rate</c>: eta of the online spherical k-means.</summary>
    public double FatigueInterestRate { get; init; } = 0.1;

    /// <summary><c>fatigue.windows</c>: repetition-count windows, milliseconds (1 h, 3 h, 24 h).</summary>
    public IReadOnlyList<long> FatigueWindowsMs { get; init; } = [3_600_000L, 10_800_000L, 86_400_000L];

    /// <summary><c>fatigue.similar_threshold</c>: cosine at or above which an item counts as similar.</summary>
    public double FatigueSimilarThreshold { get; init; } = 0.8;

    /// <summary><c>fatigue.max_day_events</c>: bound on the per-user 24-hour event window.</summary>
    public int FatigueMaxDayEvents { get; init; } = 2_000;

    /// <summary><c>lifecycle.max_items</c>: cap on the life-cycle log.</summary>
    public int LifeCycleMaxItems { get; init; } = 100_000;

    /// <summary><c>lifecycle.completion_edges</c>: group edges on completion.</summary>
    public IReadOnlyList<double> LifeCycleCompletionEdges { get; init; } = [0.2, 0.5, 1.0];

    /// <summary><c>lifecycle.max_cluster</c>: gamma, the most members a cluster may have.</summary>
    public int LifeCycleMaxCluster { get; init; } = 16;

    /// <summary><c>lifecycle.join_threshold</c>: the least cosine to join an existing cluster.</summary>
    public double LifeCycleJoinThreshold { get; init; } = 0.5;

    /// <summary><c>lifecycle.top_clusters</c>: clusters served per target item.</summary>
    public int LifeCycleTopClusters { get; init; } = 100;

    /// <summary><c>lifecycle.tau</c>: temperature of the cluster-aware attention.</summary>
    public double LifeCycleTau { get; init; } = 0.1;

    /// <summary><c>cdum.bucket_edges_s</c>: duration bucket edges in seconds (B = edges + 1 buckets).</summary>
    public IReadOnlyList<double> CdumBucketEdgesS { get; init; } = [7, 15, 30, 60, 180];

    /// <summary><c>cdum.recent_plays</c>: length of the recent-plays context window.</summary>
    public int CdumRecentPlays { get; init; } = 50;

    /// <summary><c>cdum.recent_minutes</c>: length of the recent-time context window.</summary>
    public int CdumRecentMinutes { get; init; } = 30;

    /// <summary><c>cdum.skip_ms</c>: a play shorter than this is a skip.</summary>
    public int CdumSkipMs { get; init; } = 3_000;

    /// <summary><c>cdum.session_gap_minutes</c>: a gap longer than this starts a new session.</summary>
    public int CdumSessionGapMinutes { get; init; } = 30;

    /// <summary><c>cdum.long_term_days</c>: UTC days of the long-term window.</summary>
    public int CdumLongTermDays { get; init; } = 30;

    /// <summary><c>cdum.treatments</c>: number of duration treatments (0 control, 1 short, 2 long).</summary>
    public int CdumTreatments { get; init; } = 3;

    /// <summary><c>cdum.min_uplift</c>: least predicted uplift for a treatment to be chosen.</summary>
    public double CdumMinUplift { get; init; } = 0.01;

    /// <summary><c>cdum.label_plays</c>: plays that label a request without tagged interactions.</summary>
    public int CdumLabelPlays { get; init; } = 10;

    /// <summary><c>cdum.label_minutes</c>: time window of those plays.</summary>
    public int CdumLabelMinutes { get; init; } = 30;

    /// <summary>
    /// <c>training.label_minutes</c> (SPEC §7): a logged candidate's label is its exposure (the
    /// interaction with its request_id and item_id) within this long after the request; none is a negative.
    /// </summary>
    public int TrainingLabelMinutes { get; init; } = 30;

    /// <summary>B: the number of known duration buckets.</summary>
    public int BucketCount => CdumBucketEdgesS.Count + 1;
}

namespace Streaming.Core.Datasets;

/// <summary>
/// The knobs of <see cref="SyntheticDataset"/>. The defaults make a demo of about 100,000
/// interactions over 2,000 users and 20,000 items, roughly one simulated day. The model each knob
/// belongs to is described in <c>docs/datasets.md</c>.
/// </summary>
public sealed record SyntheticOptions
{
    /// <summary>The defaults.</summary>
    public static SyntheticOptions Default { get; } = new();

    /// <summary>Number of users; user ids are 1..Users.</summary>
    public int Users { get; init; } = 2_000;

    /// <summary>Number of items; item ids are 1..Items.</summary>
    public int Items { get; init; } = 20_000;

    /// <summary>
    /// Latent topic dimensions of the item vectors; an item's category is the argmax topic, so
    /// categories are 0..Topics-1. The default equals <c>embedding.dim</c> so the vectors can be
    /// handed to the feature dump (<see cref="SyntheticDataset.WriteItemVectors"/>).
    /// </summary>
    public int Topics { get; init; } = 32;

    /// <summary>Number of authors; author ids are 1..Authors.</summary>
    public int Authors { get; init; } = 2_000;

    /// <summary>Exact number of interactions the dataset produces (requests come on top).</summary>
    public long Interactions { get; init; } = 100_000;

    /// <summary>Candidates per scoring request.</summary>
    public int CandidatesPerRequest { get; init; } = 20;

    /// <summary>A request exposes 1..MaxExposuresPerRequest of its candidates (uniformly).</summary>
    public int MaxExposuresPerRequest { get; init; } = 6;

    /// <summary>Seed of every random choice; the same options give the same event sequence.</summary>
    public long Seed { get; init; } = 42;

    /// <summary>Earliest possible event time, epoch milliseconds (default 2024-01-01T00:00:00Z).</summary>
    public long StartMs { get; init; } = 1_704_067_200_000;

    /// <summary>Median item duration, seconds (log-normal).</summary>
    public double MedianDurationS { get; init; } = 25;

    /// <summary>Standard deviation of ln(duration).</summary>
    public double DurationSigma { get; init; } = 1.1;

    /// <summary>Shortest item duration, seconds (the log-normal is clamped).</summary>
    public double MinDurationS { get; init; } = 3;

    /// <summary>Longest item duration, seconds (the log-normal is clamped).</summary>
    public double MaxDurationS { get; init; } = 600;

    /// <summary>Share of items whose duration is logged as 0 (unknown); users still see the real one.</summary>
    public double UnknownDurationShare { get; init; } = 0.03;

    /// <summary>Share of a request's candidates drawn from the user's favourite topics (the rest uniform).</summary>
    public double InterestShare { get; init; } = 0.7;

    /// <summary>Mean sessions per day of a user of activity 1 (activity is log-normal across users).</summary>
    public double SessionsPerDay { get; init; } = 3;

    /// <summary>Mean requests per session (geometric).</summary>
    public double RequestsPerSession { get; init; } = 5;

    /// <summary>Ground truth: engagement probability before fatigue and preferences scale it.</summary>
    public double BaseEngagement { get; init; } = 0.7;

    /// <summary>Ground truth: lambda of <c>exp(-lambda * n_similar_recent)</c>.</summary>
    public double FatigueLambda { get; init; } = 0.25;

    /// <summary>Ground truth: the user's last this-many interactions form the window fatigue counts in.</summary>
    public int RecentWindow { get; init; } = 6;

    /// <summary>Ground truth: engagement falls by <c>exp(-decay * |bucket - favourite bucket|)</c>.</summary>
    public double DurationPreferenceDecay { get; init; } = 0.35;

    /// <summary>
    /// Log-weight a treatment adds to its favoured candidates when exposures are chosen
    /// (treatment 1: duration buckets 0–1, treatment 2: buckets 4–5).
    /// </summary>
    public double TreatmentBias { get; init; } = 1.5;

    /// <summary>Checks every knob.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A knob is out of its range.</exception>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Users, 1, nameof(Users));
        ArgumentOutOfRangeException.ThrowIfLessThan(Topics, 1, nameof(Topics));
        ArgumentOutOfRangeException.ThrowIfLessThan(Authors, 1, nameof(Authors));
        ArgumentOutOfRangeException.ThrowIfNegative(Interactions, nameof(Interactions));
        ArgumentOutOfRangeException.ThrowIfLessThan(CandidatesPerRequest, 1, nameof(CandidatesPerRequest));
        // Twice the candidates keeps duplicate-free candidate sampling quick.
        ArgumentOutOfRangeException.ThrowIfLessThan(Items, 2 * CandidatesPerRequest, nameof(Items));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxExposuresPerRequest, 1, nameof(MaxExposuresPerRequest));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxExposuresPerRequest, CandidatesPerRequest, nameof(MaxExposuresPerRequest));
        ArgumentOutOfRangeException.ThrowIfLessThan(StartMs, 946_684_800_000L, nameof(StartMs)); // SPEC §1: not before 2000
        ArgumentOutOfRangeException.ThrowIfLessThan(MinDurationS, 0.001, nameof(MinDurationS));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxDurationS, MinDurationS, nameof(MaxDurationS));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxDurationS, 3_600.0, nameof(MaxDurationS));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(MedianDurationS, 0, nameof(MedianDurationS));
        ArgumentOutOfRangeException.ThrowIfNegative(DurationSigma, nameof(DurationSigma));
        RequireProbability(UnknownDurationShare, nameof(UnknownDurationShare));
        RequireProbability(InterestShare, nameof(InterestShare));
        RequireProbability(BaseEngagement, nameof(BaseEngagement));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(SessionsPerDay, 0, nameof(SessionsPerDay));
        ArgumentOutOfRangeException.ThrowIfLessThan(RequestsPerSession, 1, nameof(RequestsPerSession));
        ArgumentOutOfRangeException.ThrowIfNegative(FatigueLambda, nameof(FatigueLambda));
        ArgumentOutOfRangeException.ThrowIfLessThan(RecentWindow, 1, nameof(RecentWindow));
        ArgumentOutOfRangeException.ThrowIfNegative(DurationPreferenceDecay, nameof(DurationPreferenceDecay));
        ArgumentOutOfRangeException.ThrowIfNegative(TreatmentBias, nameof(TreatmentBias));
    }

    private static void RequireProbability(double value, string name)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value, name);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 1.0, name);
    }
}

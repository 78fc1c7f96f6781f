using Streaming.Core.Events;
using Streaming.Core.Features.Context;
using Streaming.Core.Features.Fatigue;
using Streaming.Core.Features.LifeCycle;
using Streaming.Core.Features.Vectors;

namespace Streaming.Core.Features;

/// <summary>
/// The three feature engines behind one door: applies interactions to a <see cref="UserState"/>
/// (the item vector computed once for all three) and assembles the features of a candidate and
/// of a request. Holds no mutable state of its own (item vectors live on the stack), so one
/// instance serves every user; the fatigue and context engines are also thread-safe, the
/// life-cycle engine documents its own rules. No operation allocates in steady state (once the
/// user's buffers have grown to the largest size they have needed).
/// </summary>
public sealed class FeatureEngine
{
    private const int MaxStackDimension = 1024;

    /// <summary>Creates the engine.</summary>
    /// <param name="options">Every tunable; validated here.</param>
    /// <param name="vectors">The item vectors; their dimension must be <c>embedding.dim</c>.</param>
    public FeatureEngine(FeatureOptions options, IItemVectors vectors)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(vectors);
        if (vectors.Dimension != options.EmbeddingDim)
        {
            throw new ArgumentException($"The item vectors have dimension {vectors.Dimension}, embedding.dim is {options.EmbeddingDim}.", nameof(vectors));
        }
        Options = options;
        Vectors = vectors;
        Fatigue = new FatigueEngine(options);
        Context = new ContextEngine(options);
        LifeCycle = new LifeCycleEngine(options);
    }

    /// <summary>The options.</summary>
    public FeatureOptions Options { get; }

    /// <summary>The item vectors.</summary>
    public IItemVectors Vectors { get; }

    /// <summary>The fatigue engine (SPEC §3).</summary>
    public FatigueEngine Fatigue { get; }

    /// <summary>The context engine (SPEC §5).</summary>
    public ContextEngine Context { get; }

    /// <summary>The life-cycle engine (SPEC §4).</summary>
    public LifeCycleEngine LifeCycle { get; }

    /// <summary>Creates the empty state of a new user.</summary>
    /// <param name="userId">The user.</param>
    /// <returns>The state.</returns>
    public UserState CreateState(long userId) => new(userId, Options);

    /// <summary>Creates a reusable candidate features object sized for these options.</summary>
    /// <returns>The object.</returns>
    public CandidateFeatures CreateCandidateFeatures() => new(Options);

    /// <summary>Creates a reusable context features object sized for these options.</summary>
    /// <returns>The object.</returns>
    public ContextFeatures CreateContextFeatures() => new(Options);

    /// <summary>Applies one interaction of the state's user to all three engines.</summary>
    /// <param name="state">The user's state.</param>
    /// <param name="interaction">The interaction; its user must be the state's.</param>
    public void Apply(UserState state, Interaction interaction)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(interaction);
        if (interaction.UserId != state.UserId)
        {
            ThrowOtherUser(state.UserId, interaction.UserId);
        }

        var d = Options.EmbeddingDim;
        var vector = d <= MaxStackDimension ? stackalloc float[d] : new float[d];
        Vectors.CopyVector(interaction.ItemId, vector);
        Fatigue.Apply(state.Fatigue, interaction, vector);
        LifeCycle.Apply(state.LifeCycle, interaction.ItemId, vector, interaction.PlayTimeMs, interaction.DurationMs, interaction.TsMs);
        Context.Apply(state.Context, interaction);
    }

    /// <summary>Assembles the features of <paramref name="candidate"/> for the state's user at scoring time <paramref name="tsMs"/>.</summary>
    /// <param name="state">The user's state (read only).</param>
    /// <param name="tsMs">The scoring time t (the request's time), epoch milliseconds.</param>
    /// <param name="candidate">The candidate.</param>
    /// <param name="destination">Receives the features; every member is overwritten.</param>
    public void ComputeCandidate(UserState state, long tsMs, in Candidate candidate, CandidateFeatures destination)
    {
        ComputeCandidateExceptClusters(state, tsMs, candidate, destination);
        destination.ClusterCount = LifeCycle.TopClusters(state.LifeCycle, destination.Vector, destination.ClusterBuffer);
    }

    /// <summary>Everything of <see cref="ComputeCandidate"/> but the clusters: e(c), the fatigue features, the header.</summary>
    private void ComputeCandidateExceptClusters(UserState state, long tsMs, in Candidate candidate, CandidateFeatures destination)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(destination);
        if (destination.Vector.Length != Options.EmbeddingDim || destination.ClusterBuffer.Length != Options.LifeCycleTopClusters)
        {
            throw new ArgumentException("The features object was sized for other options.", nameof(destination));
        }

        destination.UserId = state.UserId;
        destination.ItemId = candidate.ItemId;
        destination.TsMs = tsMs;
        Vectors.CopyVector(candidate.ItemId, destination.Vector);
        Fatigue.Compute(state.Fatigue, tsMs, candidate.ItemId, candidate.Category, destination.Vector, destination.Fatigue);
        destination.LifeCycleItems = state.LifeCycle.LogLength;
    }

    /// <summary>
    /// <see cref="ComputeCandidate"/> for every candidate of a request, with identical results.
    /// Per request rather than per candidate, the life-cycle part reads the user's cluster
    /// centroids once for every four candidates instead of once per candidate: for a user with
    /// thousands of clusters that scan is bound by memory bandwidth, and it is most of a
    /// candidate's cost.
    /// </summary>
    /// <param name="state">The user's state (read only).</param>
    /// <param name="tsMs">The scoring time t (the request's time), epoch milliseconds.</param>
    /// <param name="candidates">The candidates.</param>
    /// <param name="destinations">One features object per candidate, in the same order; every member is overwritten.</param>
    public void ComputeCandidates(UserState state, long tsMs, ReadOnlySpan<Candidate> candidates, ReadOnlySpan<CandidateFeatures> destinations)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (destinations.Length != candidates.Length)
        {
            throw new ArgumentException($"{candidates.Length} candidates need as many features objects, not {destinations.Length}.", nameof(destinations));
        }
        var i = 0;
        for (; i + 4 <= candidates.Length; i += 4)
        {
            for (var r = i; r < i + 4; r++)
            {
                ComputeCandidateExceptClusters(state, tsMs, candidates[r], destinations[r]);
            }
            LifeCycle.TopClustersOfFour(state.LifeCycle, destinations.Slice(i, 4));
        }
        for (; i < candidates.Length; i++)
        {
            ComputeCandidate(state, tsMs, candidates[i], destinations[i]);
        }
    }

    /// <summary>Computes the user's context at the request's time and the request side (candidates' bucket shares, mean duration).</summary>
    /// <param name="state">The user's state (read only).</param>
    /// <param name="request">The scoring request.</param>
    /// <param name="destination">Receives the features; every member is overwritten.</param>
    public void ComputeContext(UserState state, ScoringRequest request, ContextFeatures destination)
    {
        ArgumentNullException.ThrowIfNull(request);
        ComputeContext(state, request.TsMs, destination);
        Context.ComputeRequest(request.Candidates, destination);
    }

    /// <summary>Computes the user's context at scoring time <paramref name="tsMs"/>; the request side is left undefined (NaN).</summary>
    /// <param name="state">The user's state (read only).</param>
    /// <param name="tsMs">The scoring time t, epoch milliseconds.</param>
    /// <param name="destination">Receives the features; every member is overwritten.</param>
    public void ComputeContext(UserState state, long tsMs, ContextFeatures destination)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(destination);
        Context.Compute(state.Context, tsMs, destination);
        destination.RequestShares.AsSpan().Fill(double.NaN);
        destination.RequestMeanDurationS = double.NaN;
    }

    private static void ThrowOtherUser(long stateUser, long eventUser) =>
        throw new ArgumentException($"An interaction of user {eventUser} was applied to the state of user {stateUser}.", "interaction");
}

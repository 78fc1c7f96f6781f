namespace Streaming.Host.Chaos;

/// <summary>The outcome of a kill -9 chaos run.</summary>
/// <param name="Options">What was run.</param>
/// <param name="Verdict">The comparison with the reference.</param>
/// <param name="DurableAtKills">Durable records the pipeline had reported at each kill.</param>
/// <param name="DuplicatesBound">The most duplicate answers the design allows: one checkpoint per partition per kill.</param>
/// <param name="Elapsed">Wall time of the whole run.</param>
internal sealed record ChaosResult(ChaosOptions Options, ChaosVerdict Verdict, IReadOnlyList<long> DurableAtKills, long DuplicatesBound, TimeSpan Elapsed)
{
    /// <summary>No loss, no double application, equal state, and duplicates within the bound.</summary>
    public bool Passed => Verdict.Clean && Verdict.Duplicates <= DuplicatesBound;
}

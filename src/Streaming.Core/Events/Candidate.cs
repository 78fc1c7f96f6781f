namespace Streaming.Core.Events;

/// <summary>One item a <see cref="ScoringRequest"/> asks a score for.</summary>
/// <param name="ItemId">The candidate item.</param>
/// <param name="AuthorId">Its author, -1 when unknown.</param>
/// <param name="Category">Its category, -1 when unknown.</param>
/// <param name="DurationMs">Its duration in milliseconds, 0 when unknown.</param>
public readonly record struct Candidate(long ItemId, long AuthorId, int Category, int DurationMs);

namespace Streaming.Core.Schemas.Compatibility;

/// <summary>One place where a reader schema cannot read what a writer schema wrote.</summary>
/// <param name="Path">The field path from the root record, <c>candidates[].surface</c> style (<c>[]</c> an array item, <c>{}</c> a map value); empty for the root.</param>
/// <param name="Rule">The resolution rule broken.</param>
/// <param name="Detail">What differs, naming the reader and writer by the labels the check was given.</param>
public sealed record ResolutionIssue(string Path, ResolutionRule Rule, string Detail);

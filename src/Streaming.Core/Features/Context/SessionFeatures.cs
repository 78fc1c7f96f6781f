namespace Streaming.Core.Features.Context;

/// <summary>The current session at a scoring time (SPEC §5); all zero when the session is new.</summary>
/// <param name="Plays">Interactions in the session.</param>
/// <param name="WatchS">Sum of their play time, seconds.</param>
/// <param name="AgeS">Seconds from the session's first interaction to the scoring time.</param>
public readonly record struct SessionFeatures(int Plays, double WatchS, double AgeS);

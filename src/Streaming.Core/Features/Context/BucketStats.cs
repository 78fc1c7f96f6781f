namespace Streaming.Core.Features.Context;

/// <summary>One duration bucket's play statistics over a window (SPEC §5); rates over zero plays are NaN.</summary>
/// <param name="Plays">Interactions of the window in this bucket.</param>
/// <param name="Share">Plays over the plays of all known buckets of the window (NaN when there are none).</param>
/// <param name="WatchS">Sum of play time, seconds.</param>
/// <param name="Completion">Mean completion min(play / duration, 1).</param>
/// <param name="LongViewRate">Share of plays with a long view.</param>
/// <param name="SkipRate">Share of plays shorter than <c>cdum.skip_ms</c>.</param>
/// <param name="EngageRate">Share of plays with a click, like, follow, comment or forward.</param>
public readonly record struct BucketStats(int Plays, double Share, double WatchS, double Completion, double LongViewRate, double SkipRate, double EngageRate);

namespace Streaming.Core.Features.Context;

/// <summary>One duration bucket's long-term statistics over the last <c>cdum.long_term_days</c> UTC days (SPEC §5).</summary>
/// <param name="Plays">Interactions in this bucket.</param>
/// <param name="Completion">Mean completion; NaN over zero plays.</param>
/// <param name="LongViewRate">Share with a long view; NaN over zero plays.</param>
public readonly record struct LongTermBucketStats(int Plays, double Completion, double LongViewRate);

namespace Streaming.Core.Training;

/// <summary>One logged request joined to its plays: a training row of the <c>uplift</c> stage.</summary>
/// <param name="UserId">The request's user.</param>
/// <param name="RequestId">The scored request.</param>
/// <param name="TsMs">The scoring time t, epoch milliseconds.</param>
/// <param name="Layout">The features' layout, e.g. <c>uplift@1</c>.</param>
/// <param name="Features">The served model inputs, flattened in contract order.</param>
/// <param name="Treatment">The duration treatment the request logged; null when it logged none (not usable for uplift).</param>
/// <param name="LongPlayRatio">The label (SPEC §5): long plays over plays.</param>
/// <param name="Plays">The plays the ratio is over.</param>
/// <param name="Tagged">True when the plays carried the request's id; false for the fallback (the user's next plays).</param>
public sealed record LabeledUpliftRow(
    long UserId,
    string RequestId,
    long TsMs,
    string Layout,
    float[] Features,
    int? Treatment,
    float LongPlayRatio,
    int Plays,
    bool Tagged);

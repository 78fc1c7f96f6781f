namespace Streaming.Core.Training;

/// <summary>One logged candidate joined to its outcome: a training row of the <c>fatigue</c> stage.</summary>
/// <param name="UserId">The request's user.</param>
/// <param name="RequestId">The scored request.</param>
/// <param name="ItemId">The candidate.</param>
/// <param name="TsMs">The scoring time t, epoch milliseconds.</param>
/// <param name="Layout">The features' layout, e.g. <c>fatigue@1</c> (<see cref="Features.ModelInputs.FatigueModelInput.Layout"/>).</param>
/// <param name="Features">The served model inputs, flattened in contract order (<see cref="Features.ModelInputs.FatigueModelInput.Over"/> names the parts).</param>
/// <param name="Engaged">The label: the exposure within the label window was engaged; false when there was none.</param>
/// <param name="Exposed">Whether an exposure (the interaction with this request_id and item_id) came within the window.</param>
/// <param name="PlayTimeMs">The exposure's play time; null when not exposed.</param>
public sealed record LabeledFatigueRow(
    long UserId,
    string RequestId,
    long ItemId,
    long TsMs,
    string Layout,
    float[] Features,
    bool Engaged,
    bool Exposed,
    int? PlayTimeMs);

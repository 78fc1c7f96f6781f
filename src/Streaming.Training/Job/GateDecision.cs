namespace Streaming.Training.Job;

/// <summary>The gate's verdict on one candidate.</summary>
/// <param name="Publish">Whether the candidate may be published.</param>
/// <param name="Metric">The deciding metric.</param>
/// <param name="Candidate">The candidate's value, when defined.</param>
/// <param name="Serving">The serving version's value, when there is one.</param>
/// <param name="Reason">Why, in words.</param>
public sealed record GateDecision(bool Publish, string Metric, double? Candidate, double? Serving, string Reason);

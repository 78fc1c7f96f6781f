namespace Streaming.Core.Schemas.Compatibility;

/// <summary>The outcome of <see cref="SchemaFolderCheck.Run"/>: counts and every violation, one line each.</summary>
/// <param name="Subjects">Subjects found (folders under <c>events/</c> and entries of <c>compatibility.json</c>).</param>
/// <param name="Versions">Schema versions found, all subjects together.</param>
/// <param name="GoldenPayloads">Golden payloads (<c>.bin</c> files) checked.</param>
/// <param name="Violations">Every problem, a sentence each: layout, schema, compatibility and golden-payload problems.</param>
/// <param name="Compatibility">The compatibility violations among <paramref name="Violations"/>, structured.</param>
public sealed record SchemaCheckReport(
    int Subjects,
    int Versions,
    int GoldenPayloads,
    IReadOnlyList<string> Violations,
    IReadOnlyList<CompatibilityViolation> Compatibility)
{
    /// <summary>True when nothing is wrong.</summary>
    public bool Passed => Violations.Count == 0;

    /// <summary>The one-line summary <c>streaming schemas check</c> prints last: <c>{"subjects":4,"versions":6,"violations":0}</c>.</summary>
    public string SummaryJson() => $"{{\"subjects\":{Subjects},\"versions\":{Versions},\"violations\":{Violations.Count}}}";
}

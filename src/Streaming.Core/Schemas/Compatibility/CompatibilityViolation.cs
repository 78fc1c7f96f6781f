namespace Streaming.Core.Schemas.Compatibility;

/// <summary>A schema version that breaks its subject's compatibility mode against an earlier version.</summary>
/// <param name="Subject">The subject (event name), for example <c>Interaction</c>.</param>
/// <param name="Mode">The subject's mode.</param>
/// <param name="Version">The newer version, the one that breaks the mode.</param>
/// <param name="AgainstVersion">The earlier version it breaks the mode against.</param>
/// <param name="ReaderVersion">The version that reads in the failing direction.</param>
/// <param name="WriterVersion">The version that wrote in the failing direction.</param>
/// <param name="Path">The field path (see <see cref="ResolutionIssue.Path"/>).</param>
/// <param name="Rule">The resolution rule broken.</param>
/// <param name="Message">The whole story in one line, for example
/// <c>Interaction v3 breaks FULL_TRANSITIVE against v1: reader field 'tab' (v3) has no default and is missing in writer v1 (rule: a reader field absent from the writer needs a default)</c>.</param>
public sealed record CompatibilityViolation(
    string Subject,
    CompatibilityMode Mode,
    int Version,
    int AgainstVersion,
    int ReaderVersion,
    int WriterVersion,
    string Path,
    ResolutionRule Rule,
    string Message);

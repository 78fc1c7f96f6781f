namespace Streaming.Core.Schemas.Compatibility;

/// <summary>The sentence a developer reads for each <see cref="ResolutionRule"/>, after "rule:" in a violation.</summary>
public static class ResolutionRules
{
    /// <summary>The rule in words.</summary>
    public static string Explain(this ResolutionRule rule) => rule switch
    {
        ResolutionRule.MissingDefault => "a reader field absent from the writer needs a default",
        ResolutionRule.TypeMismatch => "the writer's type must equal the reader's or promote to it: int->long/float/double, long->float/double, float->double, string<->bytes",
        ResolutionRule.NameMismatch => "records, enums and fixed types resolve only when their unqualified names match or a reader alias names the writer's type",
        ResolutionRule.FixedSizeMismatch => "fixed types resolve only when their sizes are equal",
        ResolutionRule.EnumSymbolMissing => "every writer enum symbol must be a reader symbol unless the reader enum has a default",
        ResolutionRule.NoMatchingReaderBranch => "a non-union writer type must match a branch of the reader's union",
        ResolutionRule.WriterBranchUnresolved => "every branch of the writer's union must resolve against the reader",
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, "Unknown rule."),
    };
}

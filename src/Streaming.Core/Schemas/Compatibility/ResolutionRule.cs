namespace Streaming.Core.Schemas.Compatibility;

/// <summary>The Avro schema-resolution rule a reader/writer pair breaks (Avro 1.12 specification, "Schema Resolution").</summary>
public enum ResolutionRule
{
    /// <summary>A reader field absent from the writer has no default.</summary>
    MissingDefault,

    /// <summary>The writer's type neither equals the reader's nor promotes to it.</summary>
    TypeMismatch,

    /// <summary>Two records, enums or fixed types whose unqualified names differ and no reader alias names the writer's.</summary>
    NameMismatch,

    /// <summary>Two fixed types of different sizes.</summary>
    FixedSizeMismatch,

    /// <summary>A writer enum symbol the reader lacks, and the reader enum has no default.</summary>
    EnumSymbolMissing,

    /// <summary>A non-union writer type that matches no branch of the reader's union.</summary>
    NoMatchingReaderBranch,

    /// <summary>A branch of the writer's union that does not resolve against the reader.</summary>
    WriterBranchUnresolved,
}

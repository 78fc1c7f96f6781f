namespace Streaming.Core.Schemas.Compatibility;

/// <summary>
/// A subject's compatibility mode, with Confluent Schema Registry's meaning. "Reads" is Avro
/// schema resolution (<see cref="SchemaResolver"/>); a new version is checked against the
/// previous one, or against every earlier one for the <c>*Transitive</c> modes.
/// </summary>
public enum CompatibilityMode
{
    /// <summary><c>NONE</c>: nothing is checked.</summary>
    None,

    /// <summary><c>BACKWARD</c>: the new version (as reader) reads data written with the previous one.</summary>
    Backward,

    /// <summary><c>BACKWARD_TRANSITIVE</c>: the new version reads data written with every earlier one.</summary>
    BackwardTransitive,

    /// <summary><c>FORWARD</c>: the previous version (as reader) reads data written with the new one.</summary>
    Forward,

    /// <summary><c>FORWARD_TRANSITIVE</c>: every earlier version reads data written with the new one.</summary>
    ForwardTransitive,

    /// <summary><c>FULL</c>: <see cref="Backward"/> and <see cref="Forward"/>.</summary>
    Full,

    /// <summary><c>FULL_TRANSITIVE</c>: <see cref="BackwardTransitive"/> and <see cref="ForwardTransitive"/>.</summary>
    FullTransitive,
}

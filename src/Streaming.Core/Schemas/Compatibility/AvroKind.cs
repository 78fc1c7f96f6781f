namespace Streaming.Core.Schemas.Compatibility;

/// <summary>The Avro type kinds (the spec's primitive and complex types; logical types resolve as their underlying type).</summary>
internal enum AvroKind
{
    Null,
    Boolean,
    Int,
    Long,
    Float,
    Double,
    Bytes,
    String,
    Record,
    Enum,
    Array,
    Map,
    Union,
    Fixed,
}

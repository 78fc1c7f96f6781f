using Streaming.Core.Schemas;

namespace Streaming.Host.Chaos;

/// <summary>What the pipeline must call each <see cref="BadRecordKind"/>.</summary>
internal static class BadRecordKinds
{
    public static readonly BadRecordKind[] All = Enum.GetValues<BadRecordKind>();

    public static DecodeStatus ExpectedStatus(this BadRecordKind kind) => kind switch
    {
        BadRecordKind.RandomBytes or BadRecordKind.TruncatedAvro => DecodeStatus.Malformed,
        BadRecordKind.UnknownSchemaVersion => DecodeStatus.UnknownSchemaVersion,
        BadRecordKind.OutOfRange or BadRecordKind.Oversized => DecodeStatus.OutOfRange,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}

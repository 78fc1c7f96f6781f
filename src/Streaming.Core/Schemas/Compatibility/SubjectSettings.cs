namespace Streaming.Core.Schemas.Compatibility;

/// <summary>One subject's entry in <c>schemas/compatibility.json</c>.</summary>
/// <param name="Subject">The subject: the folder name under <c>schemas/events/</c> and the record's name.</param>
/// <param name="Mode">Its compatibility mode.</param>
/// <param name="FrameType">Byte 1 of its framed payloads (docs/framing.md).</param>
public sealed record SubjectSettings(string Subject, CompatibilityMode Mode, byte FrameType);

using Streaming.Pipeline.Scoring;

namespace Streaming.Pipeline.Processing;

/// <summary>A scored request still to be produced, with the key of the record that asked for it.</summary>
/// <param name="Key">The request record's key (its user), reused for the output.</param>
/// <param name="Score">The scores, possibly still computing.</param>
internal readonly record struct PendingOutput(byte[] Key, PendingScore Score);

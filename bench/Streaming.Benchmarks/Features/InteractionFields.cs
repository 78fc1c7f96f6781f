using System.Runtime.CompilerServices;
using Streaming.Core.Events;

namespace Streaming.Benchmarks.Features;

/// <summary>
/// Writes the init-only fields of a pooled <see cref="Interaction"/>, so that a measured Apply can
/// feed a fresh item at a fresh time without allocating a new record (the allocation would be the
/// benchmark's, not the engine's, and would hide the engine's zero). Safe here because the engines
/// copy what they need from an interaction and keep no reference to it.
/// </summary>
internal static class InteractionFields
{
    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "<ItemId>k__BackingField")]
    public static extern ref long ItemId(Interaction interaction);

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "<TsMs>k__BackingField")]
    public static extern ref long TsMs(Interaction interaction);
}

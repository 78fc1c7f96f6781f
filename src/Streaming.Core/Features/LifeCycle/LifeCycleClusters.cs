using Streaming.Core.Encoding;

namespace Streaming.Core.Features.LifeCycle;

/// <summary>A user's life-cycle log and its clusters (SPEC §4). PLACEHOLDER: the lifecycle work replaces this body.</summary>
public sealed class LifeCycleClusters
{
    /// <summary>Items in the log.</summary>
    public int LogLength => throw new NotImplementedException();

    /// <summary>Writes the state in the current encoding.</summary>
    public void Write(StateWriter writer) => throw new NotImplementedException();

    /// <summary>Reads a state written by encoding <paramref name="encodingVersion"/>.</summary>
    public static LifeCycleClusters Read(ref StateReader reader, int encodingVersion, FeatureOptions options) => throw new NotImplementedException();
}

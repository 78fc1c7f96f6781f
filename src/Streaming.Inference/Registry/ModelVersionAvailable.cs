namespace Streaming.Inference.Registry;

/// <summary>The news that <see cref="Stage"/> has a published <see cref="Version"/>.</summary>
public sealed class ModelVersionAvailable(string stage, long version) : EventArgs
{
    /// <summary>The stage.</summary>
    public string Stage { get; } = stage;

    /// <summary>The new version.</summary>
    public long Version { get; } = version;
}

using Streaming.Inference.Serving;

namespace Streaming.Inference.Registry;

/// <summary>
/// Keeps a <see cref="ModelStage"/> on the newest good version: on each announcement for its stage
/// of a version above the serving one, loads it from the registry and offers it to the stage.
/// A refused load or swap leaves the serving version in place (both are logged and counted).
/// </summary>
public sealed class ModelFollower : IDisposable
{
    private readonly ModelRegistry _registry;
    private readonly ModelStage _stage;
    private readonly IModelAnnouncements _announcements;
    private readonly Lock _followLock = new();

    /// <summary>Subscribes to <paramref name="announcements"/> now.</summary>
    public ModelFollower(ModelRegistry registry, ModelStage stage, IModelAnnouncements announcements)
    {
        _registry = registry ?? throw new ArgumentNullException(nameof(registry));
        _stage = stage ?? throw new ArgumentNullException(nameof(stage));
        _announcements = announcements ?? throw new ArgumentNullException(nameof(announcements));
        _announcements.VersionAvailable += OnVersionAvailable;
    }

    /// <summary>
    /// Loads <paramref name="version"/> and offers it to the stage unless the stage already serves
    /// it or a newer one; true when it now serves it.
    /// </summary>
    public bool TryFollow(long version)
    {
        lock (_followLock)
        {
            if (_stage.ServingVersion is { } serving && version <= serving)
            {
                return false;
            }

            var load = _registry.Load(_stage.Name, version);
            return load.Model is not null && _stage.TrySwap(load.Model) == SwapStatus.Swapped;
        }
    }

    /// <summary>Unsubscribes.</summary>
    public void Dispose() => _announcements.VersionAvailable -= OnVersionAvailable;

    private void OnVersionAvailable(object? sender, ModelVersionAvailable e)
    {
        if (e.Stage == _stage.Name)
        {
            TryFollow(e.Version);
        }
    }
}

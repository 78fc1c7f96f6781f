namespace Streaming.Inference.Registry;

/// <summary>
/// A source of "a new model version is available" news: the local <see cref="ModelWatcher"/>
/// today, a cluster broadcast from the retraining singleton later. Handlers may be called on any
/// thread, possibly more than once for the same version.
/// </summary>
public interface IModelAnnouncements
{
    /// <summary>Raised when a version newer than any announced before for its stage is available.</summary>
    event EventHandler<ModelVersionAvailable>? VersionAvailable;
}

using Microsoft.ML.OnnxRuntime;

namespace Streaming.Inference.Serving;

/// <summary>
/// A model version loaded into an ONNX Runtime session, not yet serving. Owns the session until
/// it is handed to <see cref="ModelStage.TrySwap"/>, which takes ownership either way.
/// </summary>
public sealed class LoadedModel : IDisposable
{
    private InferenceSession? _session;

    /// <summary>Wraps <paramref name="session"/>; this object owns it from now on.</summary>
    public LoadedModel(string stage, long version, InferenceSession session)
    {
        ArgumentException.ThrowIfNullOrEmpty(stage);
        Stage = stage;
        Version = version;
        _session = session ?? throw new ArgumentNullException(nameof(session));
    }

    /// <summary>The stage the model is for.</summary>
    public string Stage { get; }

    /// <summary>The model's version (a positive number, increasing with each publication).</summary>
    public long Version { get; }

    /// <summary>The session; throws once ownership has moved on.</summary>
    public InferenceSession Session => _session ?? throw new ObjectDisposedException(nameof(LoadedModel));

    /// <summary>Hands the session over: this object no longer owns (or disposes) it.</summary>
    internal InferenceSession TakeSession()
    {
        var session = Session;
        _session = null;
        return session;
    }

    /// <summary>Disposes the session unless it was handed over.</summary>
    public void Dispose()
    {
        _session?.Dispose();
        _session = null;
    }
}

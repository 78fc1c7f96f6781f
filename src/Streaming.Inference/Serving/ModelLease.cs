using Microsoft.ML.OnnxRuntime;

namespace Streaming.Inference.Serving;

/// <summary>
/// The right to run the serving model of a stage: while held, the session stays alive even if a
/// swap retires it. Dispose exactly once (a copy of the struct is the same lease; disposing both
/// releases twice).
/// </summary>
public readonly struct ModelLease : IDisposable
{
    private readonly ServingModel? _model;

    internal ModelLease(ServingModel model) => _model = model;

    /// <summary>The session to run.</summary>
    public InferenceSession Session => Model.Session;

    /// <summary>The version every result computed under this lease carries.</summary>
    public long Version => Model.Version;

    /// <summary>True once the leased model's session is disposed (tests of the lifetime rule).</summary>
    internal bool IsModelDisposed => Model.IsDisposed;

    private ServingModel Model => _model ?? throw new InvalidOperationException("An empty lease has no model.");

    /// <summary>Releases the lease; the last release of a retired model disposes its session.</summary>
    public void Dispose() => _model?.Release();
}

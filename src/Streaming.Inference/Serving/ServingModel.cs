using Microsoft.ML.OnnxRuntime;

namespace Streaming.Inference.Serving;

/// <summary>
/// A session in service, reference-counted. Disposing an <see cref="InferenceSession"/> while a
/// Run is in flight crashes the process, so the session is disposed only when the count reaches 0:
/// the stage holds one reference until it retires the model, each run holds one for its duration.
/// </summary>
internal sealed class ServingModel
{
    // Invariant: _references > 0 while the session is alive; it reaches 0 exactly once, and the
    // thread that takes it there disposes the session. TryAcquire never resurrects it from 0.
    private int _references = 1;
    private int _retired;

    public ServingModel(string stage, long version, InferenceSession session)
    {
        Stage = stage;
        Version = version;
        Session = session;
    }

    public string Stage { get; }

    public long Version { get; }

    public InferenceSession Session { get; }

    public bool IsDisposed => Volatile.Read(ref _references) == 0;

    public bool TryAcquire()
    {
        var current = Volatile.Read(ref _references);
        while (current > 0)
        {
            var seen = Interlocked.CompareExchange(ref _references, current + 1, current);
            if (seen == current)
            {
                return true;
            }

            current = seen;
        }

        return false;
    }

    public void Release()
    {
        var left = Interlocked.Decrement(ref _references);
        if (left == 0)
        {
            Session.Dispose();
        }
        else if (left < 0)
        {
            throw new InvalidOperationException($"Model {Stage} v{Version} released more often than acquired.");
        }
    }

    /// <summary>Drops the stage's own reference (once); the last run in flight disposes the session.</summary>
    public void Retire()
    {
        if (Interlocked.Exchange(ref _retired, 1) == 0)
        {
            Release();
        }
    }
}

using System.Runtime.InteropServices;

namespace Streaming.Host;

/// <summary>Completes when the process is asked to stop (Ctrl-C, SIGTERM), so long-running commands can drain.</summary>
public sealed class ShutdownSignal : IDisposable
{
    private readonly TaskCompletionSource _requested = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly PosixSignalRegistration _sigint;
    private readonly PosixSignalRegistration _sigterm;

    /// <summary>Starts listening for the stop signals.</summary>
    public ShutdownSignal()
    {
        _sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle);
        _sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle);
    }

    /// <summary>Completes on the first stop signal.</summary>
    public Task Requested => _requested.Task;

    /// <inheritdoc />
    public void Dispose()
    {
        _sigint.Dispose();
        _sigterm.Dispose();
    }

    private void Handle(PosixSignalContext context)
    {
        // Cancel the default termination: the command drains and exits by itself.
        context.Cancel = true;
        _requested.TrySetResult();
    }
}

using System.Diagnostics;

namespace Streaming.Host;

/// <summary>
/// Progress of a long command: on a terminal one line redrawn in place (done/total, events/s,
/// ETA); when output is redirected, a plain line every few seconds so logs stay readable.
/// </summary>
public sealed class ProgressLine(TextWriter output, long total) : IDisposable
{
    private static readonly TimeSpan s_terminalInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan s_logInterval = TimeSpan.FromSeconds(5);

    private readonly bool _terminal = !Console.IsOutputRedirected && ReferenceEquals(output, Console.Out);
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan? _lastDrawn;
    private bool _drewInPlace;

    /// <summary>Reports <paramref name="done"/> of the total.</summary>
    public void Update(long done)
    {
        var now = _clock.Elapsed;
        if (_lastDrawn is { } last && now - last < (_terminal ? s_terminalInterval : s_logInterval))
        {
            return;
        }
        _lastDrawn = now;
        var rate = done / Math.Max(now.TotalSeconds, 1e-9);
        var eta = rate > 0 ? TimeSpan.FromSeconds((total - done) / rate) : TimeSpan.Zero;
        var percent = total > 0 ? 100.0 * done / total : 100.0;
        var text = $"{done:N0}/{total:N0} ({percent:F0}%)  {rate:N0} events/s  ETA {eta:mm\\:ss}";
        if (_terminal)
        {
            output.Write("\r" + text.PadRight(72));
            _drewInPlace = true;
        }
        else
        {
            output.WriteLine("progress: " + text);
        }
    }

    /// <summary>Ends the in-place line so the next output starts on a fresh one.</summary>
    public void Done()
    {
        if (_drewInPlace)
        {
            output.WriteLine();
            _drewInPlace = false;
        }
    }

    /// <inheritdoc />
    public void Dispose() => Done();
}

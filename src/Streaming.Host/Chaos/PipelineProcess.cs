using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Streaming.Host.Chaos;

/// <summary>
/// One pipeline node as a child process: <c>dotnet streaming.dll run ...</c>, the very assembly
/// this type lives in (in a test run, the copy beside the test assembly). Its output goes to a log
/// file; <see cref="Kill"/> is kill -9, <see cref="TerminateAsync"/> is SIGTERM (a draining stop).
/// </summary>
internal sealed partial class PipelineProcess : IDisposable
{
    private const int SigTerm = 15;

    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly object _logGate = new();
    private readonly Queue<string> _tail = new();
    private bool _closed;

    private PipelineProcess(Process process, StreamWriter log, Uri healthUrl)
    {
        _process = process;
        _log = log;
        HealthUrl = healthUrl;
    }

    public Uri HealthUrl { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>The last lines the process wrote, for error messages.</summary>
    public string Tail()
    {
        lock (_logGate)
        {
            return string.Join(Environment.NewLine, _tail);
        }
    }

    /// <summary>Starts <c>streaming run</c> with <paramref name="arguments"/> plus a free <c>--health-port</c>.</summary>
    public static PipelineProcess Start(IEnumerable<string> arguments, string logPath)
    {
        var port = FreePort();
        var start = new ProcessStartInfo(DotnetPath())
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(typeof(PipelineProcess).Assembly.Location);
        start.ArgumentList.Add("run");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.ArgumentList.Add("--health-port");
        start.ArgumentList.Add(port.ToString(CultureInfo.InvariantCulture));
        var log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        var process = new Process { StartInfo = start };
        var child = new PipelineProcess(process, log, new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/health"));
        process.OutputDataReceived += (_, e) => child.Append(e.Data);
        process.ErrorDataReceived += (_, e) => child.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>kill -9, and waits until the process is gone (its RocksDB lock is released with it).</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: false);
        _process.WaitForExit();
    }

    /// <summary>SIGTERM: the node drains and exits by itself. Returns its exit code.</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        if (SendSignal(_process.Id, SigTerm) != 0)
        {
            throw new InvalidOperationException($"kill -TERM {_process.Id} failed: errno {Marshal.GetLastPInvokeError()}");
        }
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancellation.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw new TimeoutException($"The pipeline process did not drain within {timeout.TotalSeconds:F0} s; killed.\n{Tail()}");
        }
        _process.WaitForExit(); // flushes the redirected output
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }
        _process.Dispose();
        lock (_logGate)
        {
            _closed = true;
            _log.Dispose();
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_logGate)
        {
            if (_closed)
            {
                return;
            }
            _log.WriteLine(line);
            _tail.Enqueue(line);
            if (_tail.Count > 40)
            {
                _tail.Dequeue();
            }
        }
    }

    private static string DotnetPath()
    {
        // `dotnet test` and `dotnet run` tell their children where the host is.
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host))
        {
            return host;
        }
        if (Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            return self;
        }
        return "dotnet";
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SendSignal(int pid, int signal);
}

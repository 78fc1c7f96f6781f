using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Streaming.State;

namespace Streaming.Pipeline.Health;

/// <summary>
/// A minimal HTTP/1.1 server on 127.0.0.1 (never other interfaces) answering <c>GET /health</c>
/// with the node's <see cref="PipelineHealth"/> as JSON: 200 when healthy, 503 when not; one
/// request per connection (<c>Connection: close</c>), answered one at a time (a probe is cheap).
/// </summary>
/// <remarks>
/// Deliberately not <see cref="HttpListener"/>: on Linux its managed implementation crashes the
/// process when a connection is already waiting while <see cref="HttpListener.Start"/> runs
/// (ArgumentNullException in HttpEndPointListener.ProcessAccept, dotnet/corefx#35191), which is
/// exactly what a prober polling a restarting node produces; the chaos harness hit it.
/// </remarks>
public sealed class HealthEndpoint : IAsyncDisposable
{
    /// <summary>The path that answers.</summary>
    public const string Path = "/health";

    // A request line and a few headers; anything larger is not a health probe.
    private const int MaxRequestBytes = 8 * 1024;
    private static readonly TimeSpan s_requestTimeout = TimeSpan.FromSeconds(5);

    private readonly TcpListener _listener;
    private readonly Func<PipelineHealth> _probe;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private HealthEndpoint(TcpListener listener, Func<PipelineHealth> probe)
    {
        _listener = listener;
        _probe = probe;
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        Url = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}{Path}");
        _loop = Task.Run(AcceptLoop);
    }

    /// <summary>The full URL of the health resource.</summary>
    public Uri Url { get; }

    /// <summary>Starts serving <paramref name="probe"/>'s reports on 127.0.0.1:<paramref name="port"/>.</summary>
    /// <param name="port">The TCP port, 1..65535, or 0 for any free port (see <see cref="Url"/>).</param>
    /// <param name="probe">Makes a fresh report per request.</param>
    /// <exception cref="SocketException">The port is taken.</exception>
    public static HealthEndpoint Start(int port, Func<PipelineHealth> probe)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65_535);
        ArgumentNullException.ThrowIfNull(probe);
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
        return new HealthEndpoint(listener, probe);
    }

    /// <summary>Serves <paramref name="pipeline"/>'s health on 127.0.0.1:<paramref name="port"/>.</summary>
    /// <param name="port">The TCP port, 1..65535, or 0 for any free port.</param>
    /// <param name="pipeline">The pipeline.</param>
    /// <param name="store">Its state store, to report stored offsets; null to leave them out.</param>
    public static HealthEndpoint Start(int port, StreamingPipeline pipeline, IStateStore? store)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        return Start(port, () => PipelineHealthCheck.Evaluate(pipeline, store, DateTimeOffset.UtcNow));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                if (_stop.IsCancellationRequested)
                {
                    return;
                }
                continue;
            }
            using (client)
            {
                try
                {
                    await Serve(client).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
                {
                    // The prober went away or stalled; the next request is unaffected.
                }
            }
        }
    }

    private async Task Serve(TcpClient client)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        timeout.CancelAfter(s_requestTimeout);
        var stream = client.GetStream();
        var request = await ReadRequestHead(stream, timeout.Token).ConfigureAwait(false);
        var (status, body) = Answer(request);
        var head = $"HTTP/1.1 {(int)status} {Reason(status)}\r\nContent-Type: application/json\r\nContent-Length: {body.Length.ToString(CultureInfo.InvariantCulture)}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), timeout.Token).ConfigureAwait(false);
        if (!request.StartsWith("HEAD ", StringComparison.Ordinal))
        {
            await stream.WriteAsync(body, timeout.Token).ConfigureAwait(false);
        }
    }

    private (HttpStatusCode Status, byte[] Body) Answer(string requestHead)
    {
        // Request line: METHOD SP target SP version.
        var end = requestHead.IndexOf("\r\n", StringComparison.Ordinal);
        var parts = (end >= 0 ? requestHead[..end] : requestHead).Split(' ');
        if (parts.Length != 3 || !parts[2].StartsWith("HTTP/1.", StringComparison.Ordinal))
        {
            return (HttpStatusCode.BadRequest, Json("""{"error":"bad request"}"""));
        }
        if (parts[0] is not ("GET" or "HEAD"))
        {
            return (HttpStatusCode.MethodNotAllowed, Json("""{"error":"only GET"}"""));
        }
        var target = parts[1];
        var query = target.IndexOf('?', StringComparison.Ordinal);
        var path = query >= 0 ? target[..query] : target;
        if (path is not (Path or "/"))
        {
            return (HttpStatusCode.NotFound, Json("""{"error":"not found; try /health"}"""));
        }
        PipelineHealth health;
        try
        {
            health = _probe();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A probe that cannot look is itself a finding: report unhealthy rather than drop the request.
            return (HttpStatusCode.ServiceUnavailable, Json($$"""{"status":"unhealthy","live":false,"reasons":["health probe failed: {{ex.GetType().Name}}"]}"""));
        }
        var status = health.Status == HealthStatus.Healthy ? HttpStatusCode.OK : HttpStatusCode.ServiceUnavailable;
        return (status, Json(PipelineHealthJson.Serialize(health)));
    }

    private static async Task<string> ReadRequestHead(NetworkStream stream, CancellationToken cancellation)
    {
        var buffer = new byte[MaxRequestBytes];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(length), cancellation).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }
            length += read;
            if (buffer.AsSpan(0, length).IndexOf("\r\n\r\n"u8) >= 0)
            {
                break;
            }
        }
        return Encoding.ASCII.GetString(buffer, 0, length);
    }

    private static byte[] Json(string text) => Encoding.UTF8.GetBytes(text + "\n");

    private static string Reason(HttpStatusCode status) => status switch
    {
        HttpStatusCode.OK => "OK",
        HttpStatusCode.BadRequest => "Bad Request",
        HttpStatusCode.NotFound => "Not Found",
        HttpStatusCode.MethodNotAllowed => "Method Not Allowed",
        HttpStatusCode.ServiceUnavailable => "Service Unavailable",
        _ => status.ToString(),
    };
}

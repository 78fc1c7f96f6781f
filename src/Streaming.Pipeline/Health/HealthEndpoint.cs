using System.Globalization;
using System.Net;
using System.Text;
using Streaming.State;

namespace Streaming.Pipeline.Health;

/// <summary>
/// A minimal HTTP server on 127.0.0.1 (never other interfaces) answering <c>GET /health</c> with
/// the node's <see cref="PipelineHealth"/> as JSON: 200 when healthy, 503 when not. Runs its own
/// accept loop; requests are answered one at a time (a probe is cheap: a snapshot and counters).
/// </summary>
public sealed class HealthEndpoint : IAsyncDisposable
{
    /// <summary>The path that answers.</summary>
    public const string Path = "/health";

    private readonly HttpListener _listener;
    private readonly Func<PipelineHealth> _probe;
    private readonly Task _loop;

    private HealthEndpoint(HttpListener listener, Func<PipelineHealth> probe, int port)
    {
        _listener = listener;
        _probe = probe;
        Url = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}{Path}");
        _loop = Task.Run(AcceptLoop);
    }

    /// <summary>The full URL of the health resource.</summary>
    public Uri Url { get; }

    /// <summary>Starts serving <paramref name="probe"/>'s reports on 127.0.0.1:<paramref name="port"/>.</summary>
    /// <param name="port">The TCP port, 1..65535.</param>
    /// <param name="probe">Makes a fresh report per request.</param>
    /// <exception cref="HttpListenerException">The port is taken.</exception>
    public static HealthEndpoint Start(int port, Func<PipelineHealth> probe)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65_535);
        ArgumentNullException.ThrowIfNull(probe);
        var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
        listener.Start();
        return new HealthEndpoint(listener, probe, port);
    }

    /// <summary>Serves <paramref name="pipeline"/>'s health on 127.0.0.1:<paramref name="port"/>.</summary>
    /// <param name="port">The TCP port, 1..65535.</param>
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
        _listener.Stop();
        _listener.Close();
        await _loop.ConfigureAwait(false);
    }

    private async Task AcceptLoop()
    {
        while (true)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                // Stopped by DisposeAsync.
                return;
            }
            try
            {
                await Answer(context).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpListenerException or IOException or ObjectDisposedException)
            {
                // The prober went away mid-answer; the next request is unaffected.
            }
        }
    }

    private async Task Answer(HttpListenerContext context)
    {
        using var response = context.Response;
        if (context.Request.Url?.AbsolutePath is not (Path or "/"))
        {
            response.StatusCode = (int)HttpStatusCode.NotFound;
            return;
        }
        PipelineHealth health;
        try
        {
            health = _probe();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A probe that cannot look is itself a finding: report unhealthy rather than drop the request.
            response.StatusCode = (int)HttpStatusCode.ServiceUnavailable;
            var error = Encoding.UTF8.GetBytes($"{{\"status\":\"unhealthy\",\"live\":false,\"reasons\":[\"health probe failed: {ex.GetType().Name}\"]}}\n");
            await response.OutputStream.WriteAsync(error).ConfigureAwait(false);
            return;
        }
        var body = Encoding.UTF8.GetBytes(PipelineHealthJson.Serialize(health) + "\n");
        response.StatusCode = health.Status == HealthStatus.Healthy ? (int)HttpStatusCode.OK : (int)HttpStatusCode.ServiceUnavailable;
        response.ContentType = "application/json";
        response.ContentLength64 = body.Length;
        await response.OutputStream.WriteAsync(body).ConfigureAwait(false);
    }
}

using System.Net;
using System.Text.Json;
using Streaming.Pipeline.Health;

namespace Streaming.Host.Commands;

/// <summary>
/// <c>streaming health [--url URL]</c>: asks a running node's health endpoint (started by
/// <c>streaming run --health-port PORT</c>), prints its report and a one-line verdict. Exit code:
/// 0 healthy, 1 unhealthy, 3 unreachable (nothing answers, or the answer is not a health report).
/// </summary>
public sealed class HealthCommand : ICommand
{
    /// <summary>The URL asked when <c>--url</c> is absent.</summary>
    public const string DefaultUrl = "http://127.0.0.1:7070/health";

    /// <summary>Exit code when the node cannot be asked.</summary>
    public const int Unreachable = 3;

    /// <inheritdoc />
    public async Task<int> RunAsync(CommandLineArgs args, TextWriter output)
    {
        var url = args.String("url", DefaultUrl);
        var timeout = TimeSpan.FromMilliseconds(args.Int("timeout-ms", 5_000));
        args.EnsureAllUsed();
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp)
        {
            throw new UsageException($"--url must be an http:// URL, got '{url}'.");
        }

        using var client = new HttpClient { Timeout = timeout };
        HttpResponseMessage response;
        string body;
        try
        {
            response = await client.GetAsync(uri).ConfigureAwait(false);
            body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            await output.WriteLineAsync($"unreachable: {uri}: {ex.Message}").ConfigureAwait(false);
            return Unreachable;
        }
        using (response)
        {
            await output.WriteLineAsync(body.TrimEnd()).ConfigureAwait(false);
            PipelineHealth health;
            try
            {
                health = PipelineHealthJson.Deserialize(body);
            }
            catch (JsonException)
            {
                await output.WriteLineAsync($"unreachable: {uri} answered HTTP {(int)response.StatusCode} without a health report").ConfigureAwait(false);
                return response.StatusCode == HttpStatusCode.ServiceUnavailable ? 1 : Unreachable;
            }
            var healthy = response.StatusCode == HttpStatusCode.OK && health.Status == HealthStatus.Healthy;
            await output.WriteLineAsync(healthy
                ? $"healthy: {health.Partitions.Count} partitions, lag {health.TotalLag:N0}"
                : "unhealthy: " + string.Join("; ", health.Reasons)).ConfigureAwait(false);
            return healthy ? 0 : 1;
        }
    }
}

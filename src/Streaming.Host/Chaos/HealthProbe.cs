using System.Text.Json;
using Streaming.Pipeline.Health;

namespace Streaming.Host.Chaos;

/// <summary>Asks a node's health endpoint; null when nothing (or nothing sensible) answers.</summary>
internal sealed class HealthProbe : IDisposable
{
    private readonly HttpClient _client = new() { Timeout = TimeSpan.FromSeconds(2) };

    public async Task<PipelineHealth?> TryGetAsync(Uri url, CancellationToken cancellation = default)
    {
        try
        {
            using var response = await _client.GetAsync(url, cancellation).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(cancellation).ConfigureAwait(false);
            return PipelineHealthJson.Deserialize(body);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException)
        {
            return null;
        }
    }

    public void Dispose() => _client.Dispose();
}

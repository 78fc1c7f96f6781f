using System.Text.Json;
using System.Text.Json.Serialization;

namespace Streaming.Pipeline.Health;

/// <summary>
/// The JSON form of <see cref="PipelineHealth"/>: snake_case names, enums as strings, times as
/// ISO 8601. The endpoint writes it and <c>streaming health</c> and the chaos harness read it back.
/// </summary>
public static class PipelineHealthJson
{
    private static readonly JsonSerializerOptions s_options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        WriteIndented = false,
    };

    /// <summary>Serializes <paramref name="health"/> as one line of JSON.</summary>
    public static string Serialize(PipelineHealth health) => JsonSerializer.Serialize(health, s_options);

    /// <summary>Parses what <see cref="Serialize"/> wrote.</summary>
    /// <exception cref="JsonException">The text is not a health report.</exception>
    public static PipelineHealth Deserialize(string json) =>
        JsonSerializer.Deserialize<PipelineHealth>(json, s_options) ?? throw new JsonException("The health report is null.");
}

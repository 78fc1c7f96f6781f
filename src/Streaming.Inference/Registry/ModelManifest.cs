using System.Text.Json;
using System.Text.Json.Serialization;

namespace Streaming.Inference.Registry;

/// <summary>
/// <c>manifest.json</c> beside a published <c>model.onnx</c> (docs/models.md): what the model is,
/// its checksum, the contract it was built for and where its training data ended.
/// </summary>
public sealed record ModelManifest
{
    /// <summary>The stage (<c>fatigue</c>, <c>uplift</c>).</summary>
    [JsonPropertyName("stage")]
    public required string Stage { get; init; }

    /// <summary>The version, a positive number; also the version directory's name.</summary>
    [JsonPropertyName("version")]
    public required long Version { get; init; }

    /// <summary>SHA-256 of <c>model.onnx</c>, lowercase hex.</summary>
    [JsonPropertyName("sha256")]
    public required string Sha256 { get; init; }

    /// <summary>The stage contract version the model satisfies.</summary>
    [JsonPropertyName("contract_version")]
    public required int ContractVersion { get; init; }

    /// <summary>Per source partition (<c>topic/partition</c>), the last training-sample offset the model saw.</summary>
    [JsonPropertyName("training_data_offsets")]
    public IReadOnlyDictionary<string, long> TrainingDataOffsets { get; init; } = new Dictionary<string, long>();

    /// <summary>Evaluation metrics by name (<c>auc</c>, <c>gauc</c>, <c>log_loss</c>, <c>auuc</c>, <c>qini</c>).</summary>
    [JsonPropertyName("metrics")]
    public IReadOnlyDictionary<string, double> Metrics { get; init; } = new Dictionary<string, double>();

    /// <summary>
    /// Files published beside the model (for example the fatigue model's trained item vectors,
    /// <c>item_vectors.csv</c>), by name, with their SHA-256 (lowercase hex).
    /// </summary>
    [JsonPropertyName("attachments")]
    public IReadOnlyDictionary<string, string> Attachments { get; init; } = new Dictionary<string, string>();

    /// <summary>When the model was produced.</summary>
    [JsonPropertyName("created_at")]
    public required DateTimeOffset CreatedAt { get; init; }

    private static readonly JsonSerializerOptions s_json = new() { WriteIndented = true };

    /// <summary>The manifest as indented JSON, keys of the maps in ordinal order (stable bytes).</summary>
    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(
        this with
        {
            TrainingDataOffsets = new SortedDictionary<string, long>(TrainingDataOffsets.ToDictionary(), StringComparer.Ordinal),
            Metrics = new SortedDictionary<string, double>(Metrics.ToDictionary(), StringComparer.Ordinal),
            Attachments = new SortedDictionary<string, string>(Attachments.ToDictionary(), StringComparer.Ordinal),
        },
        s_json);

    /// <summary>Parses a manifest; null when the bytes are not a complete manifest.</summary>
    public static ModelManifest? TryParse(ReadOnlySpan<byte> utf8Json)
    {
        try
        {
            return JsonSerializer.Deserialize<ModelManifest>(utf8Json, s_json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

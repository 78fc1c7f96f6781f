using System.Text.Json;
using System.Text.Json.Serialization;
using Streaming.Core.Features;
using Streaming.Inference;
using Streaming.Pipeline;

namespace Streaming.Host;

/// <summary>
/// A declarative pipeline configuration (a file in <c>pipelines/</c>): sections <c>pipeline</c>,
/// <c>features</c> and <c>inference</c>, each overriding the defaults of
/// <see cref="PipelineOptions"/>, <see cref="FeatureOptions"/> and <see cref="InferenceOptions"/>
/// by property name in snake_case. A key the options do not have is an error, not a silent no-op.
/// </summary>
public sealed record PipelineConfig
{
    private static readonly JsonSerializerOptions s_json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>Topics, group, checkpointing.</summary>
    public PipelineOptions Pipeline { get; init; } = new();

    /// <summary>The feature engines' tunables (SPEC keys).</summary>
    public FeatureOptions Features { get; init; } = FeatureOptions.Default;

    /// <summary>Micro-batching and the execution provider.</summary>
    public InferenceOptions Inference { get; init; } = InferenceOptions.Default;

    /// <summary>Reads <c>--config FILE</c>, or the defaults when it is absent.</summary>
    public static PipelineConfig From(CommandLineArgs args)
    {
        var path = args.Get("config");
        if (path is null)
        {
            return new PipelineConfig();
        }
        if (!File.Exists(path))
        {
            throw new UsageException($"Configuration file '{path}' does not exist.");
        }
        try
        {
            var config = JsonSerializer.Deserialize<PipelineConfig>(File.ReadAllText(path), s_json)
                ?? throw new UsageException($"Configuration file '{path}' is empty.");
            config.Pipeline.Validate();
            config.Inference.Validate();
            return config;
        }
        catch (JsonException ex)
        {
            throw new UsageException($"Configuration file '{path}': {ex.Message}");
        }
        catch (ArgumentException ex)
        {
            throw new UsageException($"Configuration file '{path}': {ex.Message}");
        }
    }
}

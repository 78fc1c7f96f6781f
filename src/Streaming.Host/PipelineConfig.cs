using System.Text.Json;
using System.Text.Json.Serialization;
using Streaming.Core.Features;
using Streaming.Inference;
using Streaming.Pipeline;
using Streaming.Pipeline.Training;

namespace Streaming.Host;

/// <summary>
/// A declarative pipeline configuration (a file in <c>pipelines/</c>): sections <c>pipeline</c>,
/// <c>features</c>, <c>inference</c> and <c>training</c>, each overriding the defaults of
/// <see cref="PipelineOptions"/>, <see cref="FeatureOptions"/>, <see cref="InferenceOptions"/> and <see cref="TrainingOptions"/>
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

    /// <summary>The training sample log (docs/training-samples.md).</summary>
    public TrainingOptions Training { get; init; } = TrainingOptions.Default;

    /// <summary>
    /// <see cref="Training"/> with the command line's overrides: <c>--sample-log off|file|kafka</c>
    /// and <c>--sample-rate R</c>.
    /// </summary>
    public TrainingOptions TrainingFrom(CommandLineArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var training = Training;
        if (args.Get("sample-log") is { } mode)
        {
            training = training with
            {
                SampleLog = Enum.TryParse<SampleLogMode>(mode, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
                    ? parsed
                    : throw new UsageException($"--sample-log must be off, file or kafka, not '{mode}'."),
            };
        }
        if (args.Get("sample-rate") is { } rate)
        {
            training = training with
            {
                SampleRate = double.TryParse(rate, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var r)
                    ? r
                    : throw new UsageException($"--sample-rate must be a number in [0, 1], not '{rate}'."),
            };
        }
        try
        {
            training.Validate();
        }
        catch (ArgumentException ex)
        {
            throw new UsageException(ex.Message);
        }
        return training;
    }

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
            config.Training.Validate();
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

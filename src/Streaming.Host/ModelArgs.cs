using Streaming.Inference;
using Streaming.Pipeline.Scoring;

namespace Streaming.Host;

/// <summary>
/// How a command scores: <c>--scorer onnx</c> (the default: the ONNX model stages from the registry
/// in <c>--models DIR</c>, default <c>&lt;data&gt;/models</c>, on the configured provider, or on CUDA
/// with <c>--cuda</c>; <c>--max-batch N</c>, <c>--max-delay-ms MS</c>) or <c>--scorer baseline</c> (the
/// rule-based stand-in, no models).
/// </summary>
public static class ModelArgs
{
    /// <summary>The model settings the command line names (over <paramref name="configured"/>), or null for the baseline scorer.</summary>
    public static ModelSettings? From(CommandLineArgs args, DataFolder folder, InferenceOptions? configured = null)
    {
        var defaults = configured ?? InferenceOptions.Default;
        var scorer = args.String("scorer", "onnx");
        var registry = args.String("models", Path.Combine(folder.Root, "models"));
        var cuda = args.Flag("cuda");
        var maxBatch = args.Int("max-batch", defaults.MaxBatch);
        var maxDelayMs = args.Int("max-delay-ms", defaults.MaxDelayMs);
        return scorer switch
        {
            "baseline" => null,
            "onnx" => new ModelSettings(Path.GetFullPath(registry), WithBatch(defaults, maxBatch) with
            {
                Provider = cuda ? ExecutionProvider.Cuda : defaults.Provider,
                MaxDelayMs = maxDelayMs,
            }),
            _ => throw new UsageException($"--scorer {scorer} is not known (onnx or baseline)."),
        };
    }

    // A larger batch (the GPU's sweet spot is thousands of rows) keeps the queue's pause threshold at
    // no fewer full batches than the configured one holds, and its resume threshold at the same share.
    private static InferenceOptions WithBatch(InferenceOptions options, int maxBatch)
    {
        if (maxBatch <= options.MaxBatch)
        {
            return options with { MaxBatch = maxBatch };
        }

        var scale = (double)maxBatch / options.MaxBatch;
        return options with
        {
            MaxBatch = maxBatch,
            QueuePauseRows = (int)Math.Ceiling(options.QueuePauseRows * scale),
            QueueResumeRows = (int)Math.Ceiling(options.QueueResumeRows * scale),
        };
    }
}

using Microsoft.Extensions.Logging;

namespace Streaming.Inference;

/// <summary>Every log line of the inference layer, source-generated (no formatting unless enabled).</summary>
internal static partial class InferenceLog
{
    [LoggerMessage(1, LogLevel.Warning, "CUDA execution provider requested but unavailable ({Reason}); running on the CPU provider")]
    public static partial void CudaUnavailable(ILogger logger, string reason);

    [LoggerMessage(2, LogLevel.Information, "Execution provider for stage models: {Provider}")]
    public static partial void ProviderChosen(ILogger logger, ExecutionProvider provider);

    [LoggerMessage(3, LogLevel.Warning, "Model refused: stage {Stage} version {Version}: {Status}: {Reason}")]
    public static partial void ModelRefused(ILogger logger, string stage, long version, string status, string reason);

    [LoggerMessage(4, LogLevel.Warning, "Swap refused: stage {Stage} version {Version}: {Status}: {Reason}; still serving version {Serving}")]
    public static partial void SwapRefused(ILogger logger, string stage, long version, string status, string reason, long serving);

    [LoggerMessage(5, LogLevel.Information, "Stage {Stage} now serves version {Version} (was {Previous})")]
    public static partial void Swapped(ILogger logger, string stage, long version, long previous);

    [LoggerMessage(6, LogLevel.Error, "Batch of {Rows} rows failed on stage {Stage} version {Version}")]
    public static partial void BatchFailed(ILogger logger, Exception exception, string stage, int rows, long version);

    [LoggerMessage(7, LogLevel.Warning, "Batch of {Rows} rows on stage {Stage} found no model serving")]
    public static partial void NoModelServing(ILogger logger, string stage, int rows);

    [LoggerMessage(8, LogLevel.Information, "Model published: stage {Stage} version {Version} sha256 {Sha256}")]
    public static partial void Published(ILogger logger, string stage, long version, string sha256);

    [LoggerMessage(9, LogLevel.Information, "New model version available: stage {Stage} version {Version}")]
    public static partial void VersionAvailable(ILogger logger, string stage, long version);

    [LoggerMessage(10, LogLevel.Warning, "Model registry scan of {Root} failed")]
    public static partial void ScanFailed(ILogger logger, Exception exception, string root);

    [LoggerMessage(11, LogLevel.Debug, "Inference queue of stage {Stage} {State} at {Rows} queued rows")]
    public static partial void Backpressure(ILogger logger, string stage, string state, int rows);
}

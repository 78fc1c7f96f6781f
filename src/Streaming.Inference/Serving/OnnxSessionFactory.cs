using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.ML.OnnxRuntime;

namespace Streaming.Inference.Serving;

/// <summary>
/// Creates ONNX Runtime sessions with the serving settings: the requested execution provider
/// (CUDA requested but unavailable => one warning and the CPU provider, for the factory's life),
/// intra-op threads, sequential execution, the graph optimisation level.
/// </summary>
public sealed class OnnxSessionFactory
{
    private const string CudaProviderName = "CUDAExecutionProvider";

    private readonly InferenceOptions _options;
    private readonly ILogger _logger;
    private int _cudaFailed;

    /// <summary>Decides the provider now: probes CUDA when requested.</summary>
    public OnnxSessionFactory(InferenceOptions options, ILogger? logger = null)
    {
        _options = (options ?? throw new ArgumentNullException(nameof(options))).Validate();
        _logger = logger ?? NullLogger.Instance;
        Provider = ExecutionProvider.Cpu;
        if (_options.Provider == ExecutionProvider.Cuda)
        {
            if (TryCuda(out var reason))
            {
                Provider = ExecutionProvider.Cuda;
            }
            else
            {
                FallBackToCpu(reason);
            }
        }

        InferenceLog.ProviderChosen(_logger, Provider);
    }

    /// <summary>The provider sessions run on (CPU when CUDA was requested but is unavailable).</summary>
    public ExecutionProvider Provider { get; private set; }

    /// <summary>Why CUDA was requested but sessions run on the CPU, or null when that has not happened.</summary>
    public string? FallbackReason { get; private set; }

    /// <summary>
    /// A session over <paramref name="model"/> (the serialised ONNX bytes). Throws
    /// <see cref="OnnxRuntimeException"/> when the bytes are not a model ONNX Runtime can load.
    /// </summary>
    public InferenceSession Create(byte[] model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (Provider == ExecutionProvider.Cuda)
        {
            try
            {
                using var cudaOptions = Options(cuda: true);
                return new InferenceSession(model, cudaOptions);
            }
            catch (OnnxRuntimeException e)
            {
                // The provider loaded but a session could not start on it (no device, driver): the CPU
                // provider either loads the model or throws the model's own error below.
                FallBackToCpu(e.Message);
            }
        }

        using var options = Options(cuda: false);
        return new InferenceSession(model, options);
    }

    private SessionOptions Options(bool cuda)
    {
        var options = new SessionOptions
        {
            GraphOptimizationLevel = _options.GraphOptimization,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            IntraOpNumThreads = _options.IntraOpThreads,
            InterOpNumThreads = 1,
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
        };

        // A spinning intra-op pool burns a core between runs; on a shared 2-core node that core is
        // the pipeline's. Runs are back to back under load anyway. A machine given over to scoring
        // opts in (inference.intra_op_spinning).
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", _options.IntraOpSpinning ? "1" : "0");
        if (cuda)
        {
            try
            {
                // The provider enables TF32 by default; the stage models are not arithmetic-bound, so
                // full float32 (scores equal to the CPU's within rounding) costs them nothing visible.
                using var provider = new OrtCUDAProviderOptions();
                provider.UpdateOptions(new Dictionary<string, string>
                {
                    ["device_id"] = _options.CudaDeviceId.ToString(CultureInfo.InvariantCulture),
                    ["use_tf32"] = _options.CudaTf32 ? "1" : "0",
                });
                options.AppendExecutionProvider_CUDA(provider);
            }
            catch
            {
                options.Dispose();
                throw;
            }
        }

        return options;
    }

    private bool TryCuda(out string reason)
    {
        try
        {
            if (!OrtEnv.Instance().GetAvailableProviders().Contains(CudaProviderName))
            {
                reason = "this build's ONNX Runtime has no CUDA provider (build with -p:OnnxGpu=true)";
                return false;
            }

            using var probe = Options(cuda: true);
            reason = "";
            return true;
        }
        catch (Exception e) when (e is OnnxRuntimeException or DllNotFoundException or EntryPointNotFoundException)
        {
            reason = e.Message;
            return false;
        }
    }

    private void FallBackToCpu(string reason)
    {
        Provider = ExecutionProvider.Cpu;
        if (Interlocked.Exchange(ref _cudaFailed, 1) == 0)
        {
            // ONNX Runtime's messages end with a newline; the warning is one line.
            FallbackReason = reason.Trim();
            InferenceLog.CudaUnavailable(_logger, FallbackReason);
        }
    }
}

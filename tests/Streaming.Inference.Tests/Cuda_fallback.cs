using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;
using Streaming.Inference.Contracts;
using Streaming.Inference.Models;
using Streaming.Inference.Serving;
using Xunit;

namespace Streaming.Inference.Tests;

public sealed class Cuda_fallback
{
    [Fact]
    public void Cuda_requested_on_a_cpu_build_warns_once_and_runs_on_the_cpu()
    {
        // This test runs against the default (CPU) package, which has no CUDA provider.
        Assert.DoesNotContain("CUDAExecutionProvider", OrtEnv.Instance().GetAvailableProviders());
        var log = new ListLogger();
        var factory = new OnnxSessionFactory(new InferenceOptions { Provider = ExecutionProvider.Cuda }, log);
        var onnx = StageModelBuilder.Build(StageContracts.Uplift, StageWeights.Initialize(StageContracts.Uplift, 1));

        using var first = factory.Create(onnx);
        using var second = factory.Create(onnx);

        Assert.Equal(ExecutionProvider.Cpu, factory.Provider);
        Assert.Contains("no CUDA provider", factory.FallbackReason, StringComparison.Ordinal);
        Assert.Null(WarmUp.Problem(StageContracts.Uplift, first, 4));
        Assert.Equal(1, log.Count(LogLevel.Warning, "CUDA execution provider requested but unavailable (this build's ONNX Runtime has no CUDA provider"));
        Assert.Equal(1, log.Count(LogLevel.Information, "Execution provider for stage models: Cpu"));
    }

    [Fact]
    public void A_factory_that_was_never_asked_for_cuda_has_no_fallback_reason()
    {
        var factory = new OnnxSessionFactory(InferenceOptions.Default);

        Assert.Equal(ExecutionProvider.Cpu, factory.Provider);
        Assert.Null(factory.FallbackReason);
    }
}

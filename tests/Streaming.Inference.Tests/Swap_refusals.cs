using Microsoft.Extensions.Logging;
using Streaming.Inference.Contracts;
using Streaming.Inference.Models;
using Streaming.Inference.Serving;
using Xunit;

namespace Streaming.Inference.Tests;

public sealed class Swap_refusals : IDisposable
{
    private readonly ListLogger _log = new();
    private readonly InferenceCounters _counters = new();
    private readonly ModelStage _stage;

    public Swap_refusals()
    {
        _stage = new ModelStage(StageContracts.Fatigue, InferenceOptions.Default, _log, _counters);
        Assert.Equal(SwapStatus.Swapped, _stage.TrySwap(TestModels.Load(StageContracts.Fatigue, StageWeights.Initialize(StageContracts.Fatigue, 1), 1)));
    }

    public void Dispose() => _stage.Dispose();

    [Fact]
    public void A_model_producing_NaN_is_refused_and_the_serving_version_keeps_serving()
    {
        var nan = TestModels.Load(StageContracts.Fatigue, TestModels.WithNaN(StageContracts.Fatigue, 2), 2);
        Assert.Equal(SwapStatus.InvalidOutput, _stage.TrySwap(nan));

        Assert.Equal(1, _stage.ServingVersion);
        Assert.Equal(1, _counters.SwapsRefused);
        Assert.Equal(1, _log.Count(LogLevel.Warning, "Swap refused: stage fatigue version 2: InvalidOutput"));
        Assert.Contains(_log.Lines, l => l.Message.Contains("NaN", StringComparison.Ordinal) && l.Message.Contains("still serving version 1", StringComparison.Ordinal));
        Assert.Throws<ObjectDisposedException>(() => nan.Session);
        Assert.True(_stage.TryAcquire(out var lease));
        using (lease)
        {
            Assert.Equal(1, lease.Version);
        }
    }

    [Fact]
    public void A_model_breaking_the_contract_is_refused()
    {
        var narrowed = TestModels.Narrowed(StageContracts.Fatigue);
        var model = TestModels.Load("fatigue", StageModelBuilder.Build(narrowed, StageWeights.Initialize(narrowed, 1)), 2);
        Assert.Equal(SwapStatus.ContractMismatch, _stage.TrySwap(model));
        Assert.Equal(1, _stage.ServingVersion);
        Assert.Equal(1, _log.Count(LogLevel.Warning, "ContractMismatch"));
    }

    [Fact]
    public void Older_or_equal_versions_and_other_stages_are_refused()
    {
        var weights = StageWeights.Initialize(StageContracts.Fatigue, 3);
        Assert.Equal(SwapStatus.NotNewer, _stage.TrySwap(TestModels.Load(StageContracts.Fatigue, weights, 1)));
        Assert.Equal(SwapStatus.WrongStage, _stage.TrySwap(TestModels.Load(StageContracts.Uplift, StageWeights.Initialize(StageContracts.Uplift, 1), 5)));
        Assert.Equal(SwapStatus.Swapped, _stage.TrySwap(TestModels.Load(StageContracts.Fatigue, weights, 2)));
        Assert.Equal(2, _stage.ServingVersion);
        Assert.Equal((2L, 2L), (_counters.SwapsRefused, _counters.SwapsCompleted));
    }
}

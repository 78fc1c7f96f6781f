using Streaming.Inference.Contracts;
using Streaming.Inference.Models;
using Streaming.Inference.Serving;
using Xunit;

namespace Streaming.Inference.Tests;

public sealed class Session_lifetime
{
    [Fact]
    public void A_swapped_out_session_is_disposed_only_after_the_last_lease_is_released()
    {
        var contract = StageContracts.Uplift;
        using var stage = new ModelStage(contract, InferenceOptions.Default);
        Assert.False(stage.TryAcquire(out _));
        stage.TrySwap(TestModels.Load(contract, StageWeights.Initialize(contract, 1), 1));

        Assert.True(stage.TryAcquire(out var first));
        Assert.True(stage.TryAcquire(out var second));
        var old = first.Session;
        stage.TrySwap(TestModels.Load(contract, StageWeights.Initialize(contract, 2), 2));

        // Still alive and runnable for the two runs in flight.
        Assert.Null(WarmUp.Problem(contract, old, 4));
        first.Dispose();
        Assert.False(second.IsModelDisposed);
        Assert.Null(WarmUp.Problem(contract, old, 4));
        second.Dispose();
        Assert.True(second.IsModelDisposed);

        Assert.True(stage.TryAcquire(out var current));
        using (current)
        {
            Assert.Equal(2, current.Version);
        }
    }

    [Fact]
    public void A_retired_model_cannot_be_acquired_again_and_release_is_not_repeatable()
    {
        using var session = TestModels.Sessions.Create(StageModelBuilder.Build(StageContracts.Uplift, StageWeights.Initialize(StageContracts.Uplift, 1)));
        var model = new ServingModel("uplift", 1, session);
        Assert.True(model.TryAcquire());
        model.Retire();
        model.Retire();
        Assert.False(model.IsDisposed);
        model.Release();
        Assert.True(model.IsDisposed);
        Assert.False(model.TryAcquire());
    }
}

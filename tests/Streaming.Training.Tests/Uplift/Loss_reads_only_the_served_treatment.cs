using Streaming.Training.Models;
using Streaming.Training.Models.Uplift;
using Streaming.Training.Native;
using Xunit;
using static TorchSharp.torch;

namespace Streaming.Training.Tests.Uplift;

public sealed class Loss_reads_only_the_served_treatment
{
    public Loss_reads_only_the_served_treatment()
    {
        TorchNativeLibrary.EnsureLoaded();
        TorchSharp.torch.set_num_threads(1);
    }

    [Fact]
    public void The_loss_is_the_mean_soft_label_cross_entropy_of_the_served_ratio()
    {
        using var model = new UpliftModel(new UpliftModelOptions { Seed = 31 });
        const int Rows = 6;
        var input = UpliftRows.Realistic(Rows, seed: 4);
        long[] served = [0, 1, 2, 2, 1, 0];
        float[] labels = [0.1f, 0.5f, 0.9f, 0f, 1f, 0.3f];
        using var scope = NewDisposeScope();
        var predicted = model.Predict(UpliftFitting.Features(input, Rows));

        var loss = model.Loss(new TrainingBatch(UpliftFitting.Features(input, Rows), tensor(labels), null, tensor(served))).item<float>();

        var expected = Enumerable.Range(0, Rows).Average(r =>
        {
            double p = predicted[(r * UpliftModel.Treatments) + served[r]];
            return -((labels[r] * Math.Log(p)) + ((1 - labels[r]) * Math.Log(1 - p)));
        });
        Assert.Equal(expected, loss, 1e-5);
    }

    [Fact]
    public void Only_the_served_treatments_tower_receives_gradient()
    {
        using var model = new UpliftModel(new UpliftModelOptions { Seed = 32 });
        const int Rows = 8;
        var input = UpliftRows.Realistic(Rows, seed: 5);
        using var scope = NewDisposeScope();
        var batch = new TrainingBatch(UpliftFitting.Features(input, Rows), full(Rows, 0.4f), null, full(Rows, 1L, ScalarType.Int64));

        model.Loss(batch).backward();

        for (var t = 0; t < UpliftModel.Treatments; t++)
        {
            var gradient = model.Network.TowerHidden(t).weight!.grad;
            var norm = gradient is null ? 0f : gradient.abs().sum().item<float>();
            if (t == 1)
            {
                Assert.True(norm > 0, "the served tower gets gradient");
            }
            else
            {
                Assert.Equal(0f, norm);
            }
        }
    }
}

using Streaming.Training.Models.Uplift;
using Streaming.Training.Native;
using Streaming.Training.Tests.Uplift;
using Xunit;

namespace Streaming.Training.Tests.Optimisation;

/// <summary>
/// Training while another thread forces collections: TorchSharp 0.107's own Adam failed after
/// 700-800 steps this way (a temporary Scalar finalised during its native call); this runs about
/// twice as many.
/// </summary>
public sealed class ScalarSafeAdam_under_GC_pressure
{
    public ScalarSafeAdam_under_GC_pressure()
    {
        TorchNativeLibrary.EnsureLoaded();
        TorchSharp.torch.set_num_threads(1);
    }

    [Fact]
    public void Training_survives_collections_on_another_thread()
    {
        using var stop = new CancellationTokenSource();
        var collector = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }
        });
        collector.Start();
        double[] losses;
        try
        {
            using var model = new UpliftModel(new UpliftModelOptions { Experts = 2, ExpertWidth = 4, TowerWidth = 2, FeatureGateRank = 2 });
            var data = UpliftToySet.Draw(1024, seed: 3);
            losses = UpliftFitting.Train(model, data.Rows, data.Labels, data.Treatments, epochs: 12, batchSize: 8, learningRate: 1e-3, seed: 4);
        }
        finally
        {
            stop.Cancel();
            collector.Join();
        }

        Assert.All(losses, l => Assert.True(double.IsFinite(l)));
    }
}

using Streaming.Training.Native;
using Streaming.Training.Optimisation;
using TorchSharp;
using TorchSharp.Modules;
using Xunit;
using static TorchSharp.torch;

namespace Streaming.Training.Tests.Optimisation;

public sealed class ScalarSafeAdam_updates
{
    public ScalarSafeAdam_updates()
    {
        TorchNativeLibrary.EnsureLoaded();
        torch.set_num_threads(1);
    }

    [Fact]
    public void Steps_match_Adam_worked_by_hand()
    {
        // One parameter, gradients fed directly: m, v and the bias corrections computed in doubles.
        using var parameter = new Parameter(tensor(new float[] { 0.5f, -1.0f, 2.0f }));
        using var adam = new ScalarSafeAdam([parameter], learningRate: 0.1, beta1: 0.9, beta2: 0.999, epsilon: 1e-8);
        double[] value = [0.5, -1.0, 2.0];
        double[] m = new double[3], v = new double[3];
        float[][] gradients = [[1f, -2f, 0.5f], [0.3f, 0f, -1f], [-4f, 1f, 2f]];

        for (var step = 1; step <= gradients.Length; step++)
        {
            using (var scope = NewDisposeScope())
            {
                adam.ZeroGrad();
                (parameter * tensor(gradients[step - 1])).sum().backward();
                adam.Step();
            }

            for (var i = 0; i < 3; i++)
            {
                var g = gradients[step - 1][i];
                m[i] = (0.9 * m[i]) + (0.1 * g);
                v[i] = (0.999 * v[i]) + (0.001 * g * g);
                var mHat = m[i] / (1 - Math.Pow(0.9, step));
                var vHat = v[i] / (1 - Math.Pow(0.999, step));
                value[i] -= 0.1 * mHat / (Math.Sqrt(vHat) + 1e-8);
            }
        }

        var actual = parameter.data<float>().ToArray();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(value[i], actual[i], 1e-5);
        }

        Assert.Equal(3, adam.Steps);
    }

    [Fact]
    public void A_parameter_without_gradient_stays_put()
    {
        using var used = new Parameter(tensor(new float[] { 1f }));
        using var unused = new Parameter(tensor(new float[] { 7f }));
        using var adam = new ScalarSafeAdam([used, unused], learningRate: 0.5);
        using var scope = NewDisposeScope();

        (used * 3).sum().backward();
        adam.Step();

        Assert.Equal(7f, unused.data<float>()[0]);
        Assert.Equal(0.5f, used.data<float>()[0], 1e-5f); // first step moves by lr·sign(g)
    }
}

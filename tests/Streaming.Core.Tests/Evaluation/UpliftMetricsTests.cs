using Streaming.Core.Evaluation;

namespace Streaming.Core.Tests.Evaluation;

public sealed class UpliftMetricsTests
{
    [Fact]
    public void Qini_and_uplift_curves_match_a_hand_computed_example()
    {
        // Ranked by score: (T, 1), (C, 0), (T, 0), (C, 1).
        double[] score = [0.9, 0.1, 0.7, 0.5];
        bool[] treated = [true, false, false, true];
        double[] outcome = [1, 1, 0, 0];
        var curve = UpliftMetrics.Evaluate(score, treated, outcome)!;
        // k=1: Yt 1, Nt 1, Nc 0 -> Qini 1, U 0. k=2: C 0 -> Qini 1 - 0 = 1, U (1 - 0) * 2 = 2.
        // k=3: T 0 -> Nt 2, Yt 1, Nc 1, Yc 0: Qini 1, U (0.5 - 0) * 3 = 1.5.
        // k=4: C 1 -> Nc 2, Yc 1: Qini 1 - 1 * 2 / 2 = 0, U (0.5 - 0.5) * 4 = 0.
        Assert.Equal([1.0, 1.0, 1.0, 0.0], curve.Qini);
        Assert.Equal([0.0, 2.0, 1.5, 0.0], curve.Uplift);
        Assert.Equal((0 + 2 + 1.5 + 0) / 16, curve.Auuc, 12);
        // Random line from 0 to Qini(n) = 0: the area is the mean of Qini over n.
        Assert.Equal((1 + 1 + 1 + 0) / 16.0, curve.QiniCoefficient, 12);
        Assert.Equal(2, curve.Treated);
        Assert.Equal(2, curve.Control);
    }

    [Fact]
    public void Without_a_control_group_there_is_no_uplift()
    {
        Assert.Null(UpliftMetrics.Evaluate([0.1, 0.2], [true, true], [1, 0]));
    }
}

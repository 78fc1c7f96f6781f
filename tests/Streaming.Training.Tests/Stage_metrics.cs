using Streaming.Core.Evaluation;
using Streaming.Training.Evaluation;
using Xunit;

namespace Streaming.Training.Tests;

public sealed class Stage_metrics
{
    private static StageExamples Rows(string stage, float[] labels, long[] users, long[] treatments) => new(
        stage, 1, new float[labels.Length], labels, users, new long[labels.Length], new long[labels.Length], treatments);

    [Fact]
    public void Fatigue_metrics_are_auc_gauc_and_log_loss_of_p_engage()
    {
        var rows = Rows("fatigue", [1, 0, 1, 0], [1, 1, 2, 2], new long[4]);
        float[] p = [0.9f, 0.2f, 0.3f, 0.4f];

        var m = StageMetrics.Of(rows, p);

        // Pairs (positive, negative): (0.9, 0.2) (0.9, 0.4) (0.3, 0.2) (0.3, 0.4): 3 of 4 ordered.
        Assert.Equal(0.75, m["auc"], 10);
        // User 1: 1.0, user 2: 0.0, each of weight 2.
        Assert.Equal(0.5, m["gauc"], 10);
        Assert.Equal(-(Math.Log(0.9) + Math.Log(0.8) + Math.Log(0.3) + Math.Log(0.6)) / 4, m["log_loss"], 6);
        Assert.Equal(4, m["rows"]);
    }

    [Fact]
    public void Uplift_ranks_each_treatment_against_control_by_its_predicted_difference()
    {
        // Served treatments 0, 1, 2, 1, 0, 2 with their long-play ratios; predictions per row [control, short, long].
        var rows = Rows("uplift", [0.2f, 0.8f, 0.5f, 0.1f, 0.4f, 0.3f], [1, 2, 3, 4, 5, 6], [0, 1, 2, 1, 0, 2]);
        float[] p =
        [
            0.3f, 0.6f, 0.2f,
            0.2f, 0.7f, 0.1f,
            0.4f, 0.4f, 0.9f,
            0.5f, 0.4f, 0.5f,
            0.1f, 0.2f, 0.55f,
            0.3f, 0.3f, 0.1f,
        ];

        var m = StageMetrics.Of(rows, p);

        // Treatment 1 against control: rows 0, 1, 3, 4 with uplift p[1] − p[0] = 0.3, 0.5, −0.1, 0.1.
        var t1 = UpliftMetrics.Evaluate([0.3, 0.5, -0.1, 0.1], [false, true, true, false], [0.2, 0.8, 0.1, 0.4])!;
        // Treatment 2 against control: rows 0, 2, 4, 5 with uplift p[2] − p[0] = −0.1, 0.5, 0.45, −0.2 (no ties: ties keep input order).
        var t2 = UpliftMetrics.Evaluate([-0.1, 0.5, 0.45, -0.2], [false, true, false, true], [0.2, 0.5, 0.4, 0.3])!;
        Assert.Equal(t1.QiniCoefficient, m["qini_t1"], 6);
        Assert.Equal(t2.QiniCoefficient, m["qini_t2"], 6);
        Assert.Equal((t1.QiniCoefficient + t2.QiniCoefficient) / 2, m["qini"], 6);
        Assert.Equal((t1.Auuc + t2.Auuc) / 2, m["auuc"], 6);
    }
}

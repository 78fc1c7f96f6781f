using Streaming.Core.Evaluation;

namespace Streaming.Core.Tests.Evaluation;

public sealed class BinaryMetricsTests
{
    [Fact]
    public void Auc_of_a_known_ranking_is_the_share_of_correctly_ordered_pairs()
    {
        // Pairs (positive, negative): (0.35, 0.1) right, (0.35, 0.4) wrong, (0.8, 0.1) right, (0.8, 0.4) right: 3/4.
        Assert.Equal(0.75, BinaryMetrics.Auc([0.1, 0.4, 0.35, 0.8], [false, false, true, true])!.Value, 12);
        Assert.Equal(1.0, BinaryMetrics.Auc([0.1, 0.2, 0.3], [false, true, true])!.Value, 12);
        Assert.Equal(0.0, BinaryMetrics.Auc([0.9, 0.2, 0.3], [false, true, true])!.Value, 12);
    }

    [Fact]
    public void Auc_counts_a_tie_between_classes_as_one_half()
    {
        // (0.5+, 0.5-) tie = 1/2, (0.5+, 0.1-) right: (1 + 0.5) / 2.
        Assert.Equal(0.75, BinaryMetrics.Auc([0.5, 0.5, 0.1], [true, false, false])!.Value, 12);
    }

    [Fact]
    public void Auc_is_undefined_with_one_class()
    {
        Assert.Null(BinaryMetrics.Auc([0.1, 0.2], [true, true]));
        Assert.Null(BinaryMetrics.Auc([], []));
    }

    [Fact]
    public void Log_loss_matches_the_hand_computed_mean_cross_entropy()
    {
        var expected = -(Math.Log(0.9) + Math.Log(1 - 0.2) + Math.Log(0.4)) / 3;
        Assert.Equal(expected, BinaryMetrics.LogLoss([0.9, 0.2, 0.4], [true, false, true])!.Value, 12);
    }

    [Fact]
    public void Log_loss_clamps_a_confident_miss_to_a_finite_cost()
    {
        Assert.Equal(-Math.Log(BinaryMetrics.LogLossEpsilon), BinaryMetrics.LogLoss([0.0], [true])!.Value, 9);
    }

    [Fact]
    public void Gauc_weights_each_user_auc_by_its_samples_and_leaves_out_single_class_users()
    {
        // User 1 (3 samples): AUC 1. User 2 (2 samples): AUC 0. User 3: one class, left out.
        double[] scores = [0.1, 0.5, 0.9, 0.8, 0.2, 0.3, 0.4];
        bool[] labels = [false, true, true, false, true, true, true];
        long[] users = [1, 1, 1, 2, 2, 3, 3];
        Assert.Equal((3 * 1.0 + 2 * 0.0) / 5, BinaryMetrics.Gauc(scores, labels, users)!.Value, 12);
    }
}

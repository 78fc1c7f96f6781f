namespace Streaming.Core.Evaluation;

/// <summary>
/// Ranking and probability metrics of a binary prediction against observed labels: AUC, GAUC and
/// log loss. Pure functions; a metric that is undefined for its input (one class only, no
/// samples) is null, never NaN.
/// </summary>
public static class BinaryMetrics
{
    /// <summary>Predictions are clamped to [eps, 1 - eps] before the logarithm, so a confident miss costs a finite amount.</summary>
    public const double LogLossEpsilon = 1e-7;

    /// <summary>
    /// Area under the ROC curve: the probability that a random positive scores above a random
    /// negative, ties counting one half (Mann-Whitney U with average ranks). Null without both classes.
    /// </summary>
    public static double? Auc(ReadOnlySpan<double> scores, ReadOnlySpan<bool> labels)
    {
        Check(scores.Length, labels.Length);
        var order = new int[scores.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }
        var keys = scores.ToArray();
        Array.Sort(keys, order);
        long positives = 0;
        double rankSum = 0;
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && keys[end + 1] == keys[start])
            {
                end++;
            }
            // Ranks start + 1 .. end + 1 share their average.
            var averageRank = (start + end + 2) / 2.0;
            for (var i = start; i <= end; i++)
            {
                if (labels[order[i]])
                {
                    positives++;
                    rankSum += averageRank;
                }
            }
            start = end + 1;
        }
        long negatives = scores.Length - positives;
        if (positives == 0 || negatives == 0)
        {
            return null;
        }
        return (rankSum - (positives * (positives + 1) / 2.0)) / ((double)positives * negatives);
    }

    /// <summary>
    /// Group AUC: the AUC of each group (user) that has both classes, averaged with weights equal
    /// to the group's sample count. Groups with one class only are left out. Null when none is left.
    /// </summary>
    public static double? Gauc(ReadOnlySpan<double> scores, ReadOnlySpan<bool> labels, ReadOnlySpan<long> groups)
    {
        Check(scores.Length, labels.Length);
        Check(scores.Length, groups.Length);
        var members = new SortedDictionary<long, List<int>>();
        for (var i = 0; i < groups.Length; i++)
        {
            if (!members.TryGetValue(groups[i], out var list))
            {
                list = [];
                members.Add(groups[i], list);
            }
            list.Add(i);
        }
        double weighted = 0;
        long weight = 0;
        foreach (var list in members.Values)
        {
            var groupScores = new double[list.Count];
            var groupLabels = new bool[list.Count];
            for (var i = 0; i < list.Count; i++)
            {
                groupScores[i] = scores[list[i]];
                groupLabels[i] = labels[list[i]];
            }
            if (Auc(groupScores, groupLabels) is { } auc)
            {
                weighted += auc * list.Count;
                weight += list.Count;
            }
        }
        return weight == 0 ? null : weighted / weight;
    }

    /// <summary>Mean binary cross-entropy, natural logarithm, predictions clamped to [<see cref="LogLossEpsilon"/>, 1 - eps]. Null without samples.</summary>
    public static double? LogLoss(ReadOnlySpan<double> predictions, ReadOnlySpan<bool> labels)
    {
        Check(predictions.Length, labels.Length);
        if (predictions.Length == 0)
        {
            return null;
        }
        double sum = 0;
        for (var i = 0; i < predictions.Length; i++)
        {
            var p = Math.Clamp(predictions[i], LogLossEpsilon, 1 - LogLossEpsilon);
            sum -= labels[i] ? Math.Log(p) : Math.Log(1 - p);
        }
        return sum / predictions.Length;
    }

    private static void Check(int expected, int actual)
    {
        if (expected != actual)
        {
            throw new ArgumentException($"The inputs differ in length ({expected} and {actual}).");
        }
    }
}

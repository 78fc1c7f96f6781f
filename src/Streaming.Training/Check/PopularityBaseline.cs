namespace Streaming.Training.Check;

/// <summary>
/// The learning check's reference ranking: score a candidate by how often its item was engaged
/// with in the training rows (smoothed engagement rate, so an unseen item scores the prior).
/// </summary>
public static class PopularityBaseline
{
    /// <summary>One score per row of <paramref name="heldOut"/> from the engagement counts of <paramref name="train"/>.</summary>
    public static float[] Scores(StageExamples train, StageExamples heldOut)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(heldOut);
        var counts = new Dictionary<long, (double Engaged, double Shown)>();
        double engaged = 0;
        for (var i = 0; i < train.Count; i++)
        {
            var (e, s) = counts.GetValueOrDefault(train.ItemIds[i]);
            counts[train.ItemIds[i]] = (e + train.Labels[i], s + 1);
            engaged += train.Labels[i];
        }

        // Additive smoothing towards the global rate with the weight of ten exposures.
        const double priorWeight = 10;
        var prior = train.Count == 0 ? 0 : engaged / train.Count;
        var scores = new float[heldOut.Count];
        for (var i = 0; i < scores.Length; i++)
        {
            var (e, s) = counts.GetValueOrDefault(heldOut.ItemIds[i]);
            scores[i] = (float)((e + (priorWeight * prior)) / (s + priorWeight));
        }

        return scores;
    }
}

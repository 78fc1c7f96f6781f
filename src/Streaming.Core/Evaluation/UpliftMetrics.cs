namespace Streaming.Core.Evaluation;

/// <summary>
/// AUUC and the Qini coefficient of an uplift model over a randomised treatment. Samples are ranked
/// by predicted uplift, descending (ties keep input order); at each cut-off k the cumulative
/// treated and control counts N_t(k), N_c(k) and outcome sums Y_t(k), Y_c(k) give the curves of
/// <see cref="UpliftCurve"/>. Outcomes may be continuous (a long-play ratio) or 0/1.
/// </summary>
public static class UpliftMetrics
{
    /// <summary>The curves and areas; null without at least one treated and one control sample.</summary>
    /// <param name="predictedUplift">Predicted uplift of the treatment over control, per sample.</param>
    /// <param name="treated">True for a treated sample, false for a control one.</param>
    /// <param name="outcomes">The observed outcome of each sample.</param>
    public static UpliftCurve? Evaluate(ReadOnlySpan<double> predictedUplift, ReadOnlySpan<bool> treated, ReadOnlySpan<double> outcomes)
    {
        if (predictedUplift.Length != treated.Length || treated.Length != outcomes.Length)
        {
            throw new ArgumentException("The inputs differ in length.");
        }
        var n = predictedUplift.Length;
        var keys = predictedUplift.ToArray();
        var order = Enumerable.Range(0, n).OrderByDescending(i => keys[i]).ToArray();
        var qini = new double[n];
        var uplift = new double[n];
        double yt = 0, yc = 0;
        int nt = 0, nc = 0;
        for (var k = 0; k < n; k++)
        {
            var i = order[k];
            if (treated[i])
            {
                nt++;
                yt += outcomes[i];
            }
            else
            {
                nc++;
                yc += outcomes[i];
            }
            qini[k] = nc == 0 ? yt : yt - (yc * nt / nc);
            uplift[k] = nt == 0 || nc == 0 ? 0 : ((yt / nt) - (yc / nc)) * (k + 1);
        }
        if (nt == 0 || nc == 0)
        {
            return null;
        }
        double auuc = 0, qiniArea = 0;
        for (var k = 0; k < n; k++)
        {
            auuc += uplift[k] / n;
            qiniArea += (qini[k] - ((k + 1.0) / n * qini[n - 1])) / n;
        }
        return new UpliftCurve(nt, nc, qini, uplift, auuc / n, qiniArea / n);
    }
}

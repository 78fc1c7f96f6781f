using System.Globalization;
using System.Net;
using System.Text;
using ScottPlot;
using Streaming.Pipeline.Replay;

namespace Streaming.Host.Replay;

/// <summary>
/// The replay report as one self-contained HTML page: the headline tables and four plots (ROC of
/// p_engage, fatigue calibration, Qini curves, replay progress), each a PNG rendered by ScottPlot
/// and embedded as a base64 <c>data:</c> URI, so the file needs nothing else to display.
/// </summary>
public static class ReplayHtml
{
    private const int Width = 640;
    private const int Height = 420;

    /// <summary>Renders the page.</summary>
    public static string Render(ReplayReport report)
    {
        var html = new StringBuilder();
        var range = report.Runs[0].Settings.Range;
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Replay report</title>\n")
            .Append("<style>body{font-family:sans-serif;margin:2em;max-width:1400px}table{border-collapse:collapse;margin:1em 0}")
            .Append("td,th{border:1px solid #bbb;padding:4px 8px;text-align:right}th{background:#eee}img{margin:8px;border:1px solid #ddd}</style></head><body>\n")
            .Append("<h1>Replay report</h1>\n<p>")
            .Append(E($"Topic {range.Topic}, range {range} ({range.Records:N0} records, {report.RangeInteractions:N0} interactions)."))
            .Append("</p>\n<h2>Models (deterministic)</h2>\n<table><tr><th>set</th><th>models</th><th>requests</th><th>candidates</th><th>positives</th><th>AUC</th><th>GAUC</th><th>log loss</th>");
        var treatments = report.Sets.SelectMany(s => s.Uplift.Keys).Distinct().Order().ToList();
        foreach (var t in treatments)
        {
            html.Append(CultureInfo.InvariantCulture, $"<th>AUUC t{t}</th><th>Qini t{t}</th>");
        }
        html.Append("<th>outputs SHA-256</th></tr>\n");
        foreach (var set in report.Sets)
        {
            html.Append("<tr><td>").Append(E(set.Name)).Append("</td><td>").Append(E(string.Join(", ", set.ModelVersions))).Append("</td>")
                .Append(Cell(set.Requests)).Append(Cell(set.Candidates)).Append(Cell(set.Positives))
                .Append(Cell(set.Auc)).Append(Cell(set.Gauc)).Append(Cell(set.LogLoss));
            foreach (var t in treatments)
            {
                var curve = set.Uplift.GetValueOrDefault(t);
                html.Append(Cell(curve?.Auuc)).Append(Cell(curve?.QiniCoefficient));
            }
            html.Append("<td><code>").Append(set.OutputsSha256[..16]).Append("…</code></td></tr>\n");
        }
        html.Append("</table>\n<p>Label: engaged = long_view or click of the interaction with the same request_id and item_id within ")
            .Append(ReplayEvaluation.LabelMinutes.ToString(CultureInfo.InvariantCulture))
            .Append(" minutes of the request; none = negative. Skip = play time under cdum.skip_ms. Uplift outcome: the request's long-play ratio.</p>\n");

        html.Append("<h2>Plots</h2>\n<div>")
            .Append(Image("ROC of p_engage", Roc(report)))
            .Append(Image("Fatigue calibration", FatigueCalibration(report)))
            .Append(Image("Qini curves", Qini(report)))
            .Append(Image("Replay progress", Progress(report)))
            .Append("</div>\n");

        var run = report.Run();
        html.Append("<h2>Run (measured; not deterministic)</h2>\n<table>");
        foreach (var (key, value) in run)
        {
            html.Append("<tr><th>").Append(E(key)).Append("</th><td>").Append(E(value?.ToJsonString() ?? "null")).Append("</td></tr>");
        }
        html.Append("</table>\n</body></html>\n");
        return html.ToString();
    }

    private static byte[] Roc(ReplayReport report)
    {
        var plot = NewPlot("ROC of p_engage", "false positive rate", "true positive rate");
        foreach (var set in report.Sets)
        {
            var (x, y) = RocPoints(set.PEngage, set.Engaged, 400);
            plot.Add.ScatterLine(x, y).LegendText = $"{set.Name} (AUC {F(set.Auc)})";
        }
        Diagonal(plot, 1, 1);
        return Png(plot);
    }

    private static byte[] FatigueCalibration(ReplayReport report)
    {
        var plot = NewPlot("Fatigue deciles vs realised skip rate", "mean predicted fatigue", "skip rate");
        foreach (var set in report.Sets)
        {
            var x = set.FatigueCalibration.Select(b => b.MeanPredicted).ToArray();
            var y = set.FatigueCalibration.Select(b => b.ObservedRate).ToArray();
            if (x.Length > 0)
            {
                plot.Add.Scatter(x, y).LegendText = set.Name;
            }
        }
        Diagonal(plot, 1, 1);
        return Png(plot);
    }

    private static byte[] Qini(ReplayReport report)
    {
        var plot = NewPlot("Qini curves (treatment vs control)", "share of population targeted", "incremental long-play ratio");
        foreach (var set in report.Sets)
        {
            foreach (var (treatment, curve) in set.Uplift)
            {
                if (curve is null || curve.Qini.Count == 0)
                {
                    continue;
                }
                var n = curve.Qini.Count;
                var step = Math.Max(1, n / 400);
                var indices = Enumerable.Range(0, n).Where(i => i % step == 0 || i == n - 1).ToArray();
                plot.Add.ScatterLine(indices.Select(i => (i + 1.0) / n).ToArray(), indices.Select(i => curve.Qini[i]).ToArray())
                    .LegendText = $"{set.Name} t{treatment} (Qini {F(curve.QiniCoefficient)})";
                plot.Add.Line(0, 0, 1, curve.Qini[^1]).LinePattern = LinePattern.Dashed;
            }
        }
        return Png(plot);
    }

    private static byte[] Progress(ReplayReport report)
    {
        var plot = NewPlot("Replay progress", "seconds", "durable records");
        foreach (var (run, set) in report.Runs.Zip(report.Sets))
        {
            if (run.Progress.Count > 0)
            {
                plot.Add.ScatterLine(run.Progress.Select(p => p.Seconds).ToArray(), run.Progress.Select(p => (double)p.Records).ToArray())
                    .LegendText = $"{set.Name} ({run.EventsPerSecond:N0} events/s)";
            }
        }
        return Png(plot);
    }

    /// <summary>The ROC curve's points (false and true positive rates), at most about <paramref name="maxPoints"/>.</summary>
    internal static (double[] Fpr, double[] Tpr) RocPoints(double[] scores, bool[] labels, int maxPoints)
    {
        var order = Enumerable.Range(0, scores.Length).OrderByDescending(i => scores[i]).ToArray();
        var positives = labels.Count(l => l);
        var negatives = labels.Length - positives;
        if (positives == 0 || negatives == 0)
        {
            return ([0, 1], [0, 1]);
        }
        var step = Math.Max(1, order.Length / maxPoints);
        List<double> fpr = [0], tpr = [0];
        long tp = 0, fp = 0;
        for (var k = 0; k < order.Length; k++)
        {
            if (labels[order[k]])
            {
                tp++;
            }
            else
            {
                fp++;
            }
            if (k % step == 0 || k == order.Length - 1)
            {
                fpr.Add((double)fp / negatives);
                tpr.Add((double)tp / positives);
            }
        }
        return ([.. fpr], [.. tpr]);
    }

    private static Plot NewPlot(string title, string x, string y)
    {
        var plot = new Plot();
        plot.Title(title);
        plot.XLabel(x);
        plot.YLabel(y);
        return plot;
    }

    private static void Diagonal(Plot plot, double x, double y) => plot.Add.Line(0, 0, x, y).LinePattern = LinePattern.Dashed;

    private static byte[] Png(Plot plot)
    {
        plot.ShowLegend();
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    private static string Image(string alt, byte[] png) =>
        $"<img alt=\"{E(alt)}\" width=\"{Width}\" height=\"{Height}\" src=\"data:image/png;base64,{Convert.ToBase64String(png)}\">";

    private static string Cell(long value) => "<td>" + value.ToString("N0", CultureInfo.InvariantCulture) + "</td>";

    private static string Cell(double? value) => "<td>" + F(value) + "</td>";

    private static string F(double? value) => value?.ToString("F4", CultureInfo.InvariantCulture) ?? "–";

    private static string E(string text) => WebUtility.HtmlEncode(text);
}

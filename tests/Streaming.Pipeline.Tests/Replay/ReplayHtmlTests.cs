using System.Diagnostics;
using System.Text.RegularExpressions;
using Streaming.Core.Evaluation;
using Streaming.Host.Replay;
using Streaming.Pipeline.Replay;
using Xunit;

namespace Streaming.Pipeline.Tests.Replay;

public sealed partial class ReplayHtmlTests
{
    [Fact]
    public void The_html_report_loads_in_headless_chromium_with_every_plot_an_embedded_png()
    {
        var folder = Directory.CreateTempSubdirectory("streaming-replay-html-");
        try
        {
            var page = Path.Combine(folder.FullName, "report.html");
            File.WriteAllText(page, ReplayHtml.Render(SampleReport()));

            var dom = Chromium(folder.FullName, "--dump-dom", "file://" + page);
            var sources = ImageSource().Matches(dom).Select(m => m.Groups[1].Value).ToList();
            Assert.Equal(4, sources.Count);
            foreach (var source in sources)
            {
                Assert.StartsWith("data:image/png;base64,", source, StringComparison.Ordinal);
                var png = Convert.FromBase64String(source["data:image/png;base64,".Length..]);
                Assert.True(png.Length > 1_000, $"a plot is only {png.Length} bytes");
                Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
            }

            var screenshot = Path.Combine(folder.FullName, "shot.png");
            Chromium(folder.FullName, "--screenshot=" + screenshot, "--window-size=1400,2000", "file://" + page);
            Assert.True(File.Exists(screenshot) && new FileInfo(screenshot).Length > 10_000, "chromium produced no screenshot of the page");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static string Chromium(string folder, params string[] args)
    {
        var chromium = new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("Chromium is not installed (apt-get install -y chromium); .ci/run installs it.");
        var start = new ProcessStartInfo(chromium)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = folder,
        };
        foreach (var arg in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--user-data-dir=" + Path.Combine(folder, "profile") }.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(120_000), "chromium did not finish within 120 s");
        return stdout.Result;
    }

    private static ReplayReport SampleReport()
    {
        var range = new ReplayRange("events", new Dictionary<int, long> { [0] = 0, [1] = 10 }, new Dictionary<int, long> { [0] = 100, [1] = 60 });
        var settings = new ReplaySettings { BootstrapServers = "unused:9092", Production = new PipelineOptions(), Namespace = "html", Range = range };
        var rng = new Random(5);
        var scores = Enumerable.Range(0, 500).Select(_ => rng.NextDouble()).ToArray();
        var labels = scores.Select(s => rng.NextDouble() < s).ToArray();
        var fatigue = Enumerable.Range(0, 200).Select(_ => rng.NextDouble()).ToArray();
        var skips = fatigue.Select(f => rng.NextDouble() < f).ToArray();
        var uplift = Enumerable.Range(0, 300).Select(_ => rng.NextDouble() - 0.5).ToArray();
        var treated = uplift.Select(_ => rng.NextDouble() < 0.5).ToArray();
        var outcome = uplift.Select((u, i) => rng.NextDouble() + (treated[i] ? u : 0)).ToArray();
        var set = new ModelSetEvaluation
        {
            Name = "a",
            ModelVersions = ["fatigue=1", "uplift=1"],
            Requests = 50,
            Candidates = scores.Length,
            Positives = labels.Count(l => l),
            Auc = BinaryMetrics.Auc(scores, labels),
            Gauc = null,
            LogLoss = BinaryMetrics.LogLoss(scores, labels),
            Exposed = fatigue.Length,
            FatigueCalibration = Calibration.Table(fatigue, skips),
            Uplift = new Dictionary<int, UpliftCurve?> { [1] = UpliftMetrics.Evaluate(uplift, treated, outcome), [2] = null },
            OutputsSha256 = new string('0', 64),
            PEngage = scores,
            Engaged = labels,
        };
        var run = new ReplayOutcome(settings, set.ModelVersions, 100, 50, 0, 0, TimeSpan.FromSeconds(2), [(0.0, 0L), (1.0, 80L), (2.0, 150L)], new Dictionary<int, long>());
        return new ReplayReport([run], [set], rangeInteractions: 100, endLag: 0);
    }

    [GeneratedRegex("<img[^>]*\\ssrc=\"([^\"]*)\"")]
    private static partial Regex ImageSource();
}

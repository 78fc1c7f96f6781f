using System.Text.Json.Nodes;
using Streaming.Host;
using Xunit;

namespace Streaming.Pipeline.Tests;

public sealed class BenchGpuCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "streaming-bench-gpu-test-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Without_cuda_it_measures_the_cpu_reports_why_cuda_is_missing_and_writes_the_results_file()
    {
        var results = Path.Combine(_folder, "results", "bench-gpu.md");

        var (code, lines) = await Run("--batches", "1,4", "--duration-ms", "1", "--repeats", "1", "--out", results);

        Assert.Equal(0, code);
        var figures = JsonNode.Parse(lines[^1])!;
        Assert.False(figures["cuda_available"]!.GetValue<bool>());
        Assert.Contains("no CUDA provider", figures["cuda_fallback_reason"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(figures["correctness_ok"]);
        Assert.Equal([1, 4], figures["stages"]!["fatigue"]!["cpu"]!.AsArray().Select(m => m!["batch"]!.GetValue<int>()));
        Assert.Contains(lines, l => l.StartsWith("CUDA: unavailable (this build's ONNX Runtime has no CUDA provider", StringComparison.Ordinal));

        var file = await File.ReadAllTextAsync(results);
        Assert.Contains("Command: `streaming", file, StringComparison.Ordinal);
        Assert.Contains("| 4 | ", file, StringComparison.Ordinal);
        Assert.EndsWith("```json\n" + lines[^1] + "\n```\n", file, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Requiring_cuda_where_it_is_missing_exits_3()
    {
        var (code, lines) = await Run("--batches", "2", "--duration-ms", "1", "--repeats", "1", "--require-cuda");

        Assert.Equal(3, code);
        Assert.False(JsonNode.Parse(lines[^1])!["cuda_available"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Against_the_cpu_every_part_of_the_report_runs()
    {
        var (code, lines) = await Run("--against", "cpu", "--cpu-threads", "2", "--stages", "uplift", "--batches", "1,8", "--duration-ms", "1", "--repeats", "1");

        Assert.Equal(0, code);
        var figures = JsonNode.Parse(lines[^1])!;
        Assert.True(figures["correctness_ok"]!.GetValue<bool>());
        Assert.InRange(figures["max_rel_error"]!.GetValue<double>(), 0, 1e-6);
        Assert.Contains(lines, l => l.StartsWith("| uplift v1 (initial) | ", StringComparison.Ordinal) && l.EndsWith("| ok |", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("| batch | CPU cand/s | CPU p50 ms | CPU p99 ms | CPU-1 cand/s |", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("CPU-1 pinned: not measured", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("crossover (", StringComparison.Ordinal));
        Assert.Equal(2, figures["stages"]!["uplift"]!["cpu-1"]!.AsArray().Count);
        Assert.True(figures["cuda_candidates_per_s"]!.GetValue<double>() > 0);
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static async Task<(int Code, string[] Lines)> Run(params string[] options)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await StreamingCli.RunAsync(["bench", "gpu", .. options], output, error);
        return (code, output.ToString().TrimEnd('\n').Split('\n'));
    }
}

using System.Text.Json.Nodes;
using Xunit;

namespace Streaming.Host.Tests;

/// <summary>
/// The small deterministic learning check (issue 9): the embedded pipeline over one seeded
/// synthetic world writes the sample log, and the models trained from it must learn what the
/// world holds. The full check over several seeds and the KuaiRand slice is a benchmark
/// (<c>streaming train --check</c>, docs/training.md).
/// </summary>
public sealed class Learning_check : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"learning-check-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task Fatigue_inputs_add_auc_and_uplift_ranks_above_random_on_the_synthetic_world()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await StreamingCli.RunAsync(
            ["train", "--check", "--seed", "2", "--interactions", "100000", "--users", "400", "--kuairand", Path.Combine(_root, "no-kuairand.csv"), "--data", _root],
            output, error);

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var figures = JsonNode.Parse(lines[^1])!.AsObject();
        var gain = figures["synthetic_auc_gain"]!.GetValue<double>();
        Assert.True(gain >= 0.02, $"AUC gain from the fatigue inputs {gain}:\n{output}");
        Assert.True(figures["uplift_qini"]!.GetValue<double>() > figures["uplift_random_qini"]!.GetValue<double>(), output.ToString());
        Assert.True(figures["synthetic_held_out_rows"]!.GetValue<int>() > 1000);
        Assert.True(figures["passed"]!.GetValue<bool>());
        Assert.Equal(0, code);
    }
}

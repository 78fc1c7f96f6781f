namespace Streaming.Host.Commands;

/// <summary><c>streaming bench pipeline|scoring|gpu</c>: the documented measuring harnesses (bench/README.md).</summary>
public sealed class BenchCommand : ICommand
{
    /// <inheritdoc />
    public Task<int> RunAsync(CommandLineArgs args, TextWriter output)
    {
        var what = args.Positional.Count > 1 ? args.Positional[1] : "pipeline";
        ICommand bench = what switch
        {
            "pipeline" => new BenchPipelineCommand(),
            "scoring" => new BenchScoringCommand(),
            "gpu" => new BenchGpuCommand(),
            _ => throw new UsageException($"Unknown benchmark '{what}' (known: pipeline, scoring, gpu)."),
        };
        return bench.RunAsync(args, output);
    }
}

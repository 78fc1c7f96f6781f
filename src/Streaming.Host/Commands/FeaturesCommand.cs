using System.Diagnostics;
using Streaming.Core.Datasets;
using Streaming.Core.Events;
using Streaming.Core.Features;
using Streaming.Core.Schemas;

namespace Streaming.Host.Commands;

/// <summary>
/// <c>streaming features</c>: the SPEC §8 feature dump. Runs the engines over a dataset file
/// without Kafka and writes, per row, the features of the row's item from the state before the
/// row, as one JSON object per line (docs/features.md).
/// </summary>
public sealed class FeaturesCommand : ICommand
{
    /// <inheritdoc />
    public async Task<int> RunAsync(CommandLineArgs args, TextWriter output)
    {
        var input = args.Get("input") ?? throw new UsageException("features needs --input FILE.");
        var format = args.Get("format") ?? throw new UsageException("features needs --format kuairand|avro.");
        var outPath = args.Get("out") ?? throw new UsageException("features needs --out FILE.jsonl.");
        var options = FeatureOptions.Default;
        var vectors = ItemVectorsArgs.From(args, options);
        args.EnsureAllUsed();
        if (format is not ("kuairand" or "avro"))
        {
            throw new UsageException($"--format {format} is not known (kuairand or avro).");
        }
        if (!File.Exists(input))
        {
            throw new UsageException($"Input file '{input}' does not exist.");
        }


        var report = new CommandReport(output);
        var clock = Stopwatch.StartNew();
        long rows;
        await using (var stream = File.OpenRead(input))
        await using (var outStream = File.Create(outPath))
        {
            rows = FeatureDump.Write(Rows(stream, format), vectors, options, outStream);
        }
        clock.Stop();
        report.Line($"wrote the features of {rows:N0} rows of {input} to {outPath} in {clock.Elapsed.TotalSeconds:F2} s");
        report.Figure("rows", rows);
        report.Figure("rows_per_s", CommandReport.Round(rows / Math.Max(clock.Elapsed.TotalSeconds, 1e-9)));
        report.Figure("elapsed_s", CommandReport.Round(clock.Elapsed.TotalSeconds, 2));
        report.Finish();
        return 0;
    }

    private static IEnumerable<Interaction> Rows(Stream stream, string format) => format == "kuairand"
        ? KuaiRandReader.ReadInteractions(new StreamReader(stream))
        : FramedEventFile.ReadInteractions(stream, new EventCodec());
}

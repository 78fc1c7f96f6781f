using System.Diagnostics;
using Streaming.Kafka.Producer;
using Streaming.Pipeline;
using Streaming.Pipeline.Datasets;

namespace Streaming.Host.Commands;

/// <summary><c>streaming produce</c>: writes a dataset to the input topic of a running broker.</summary>
public sealed class ProduceCommand : ICommand
{
    /// <inheritdoc />
    public async Task<int> RunAsync(CommandLineArgs args, TextWriter output)
    {
        var bootstrap = BootstrapArgs.From(args);
        var dataset = DatasetArgs.From(args);
        var topic = args.String("topic", new PipelineOptions().EventsTopic);
        args.EnsureAllUsed();

        var report = new CommandReport(output);
        var clock = Stopwatch.StartNew();
        PublishedCounts counts;
        await using (var runtime = new StreamRuntime("produce"))
        {
            counts = await DatasetPublisher.PublishAsync(dataset.Events(), topic,
                new KafkaProducerSettings { BootstrapServers = bootstrap, ClientId = "streaming-produce" },
                runtime.Materializer).ConfigureAwait(false);
        }
        clock.Stop();
        var rate = counts.Events / Math.Max(clock.Elapsed.TotalSeconds, 1e-9);
        report.Line($"produced {counts.Events:N0} events ({counts.Interactions:N0} interactions, {counts.Requests:N0} requests) of {dataset.Name} to {topic} at {bootstrap}: {rate:N0} events/s");
        report.Figure("events", counts.Events);
        report.Figure("interactions", counts.Interactions);
        report.Figure("requests", counts.Requests);
        report.Figure("events_per_s", CommandReport.Round(rate));
        report.Figure("elapsed_s", CommandReport.Round(clock.Elapsed.TotalSeconds, 2));
        report.Finish();
        return 0;
    }
}

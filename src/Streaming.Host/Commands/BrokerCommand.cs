using Streaming.Kafka.Embedded;
using Streaming.Pipeline;

namespace Streaming.Host.Commands;

/// <summary>
/// <c>streaming broker</c>: runs the embedded Kafka broker (librdkafka's mock cluster on
/// 127.0.0.1) with the pipeline's topics until Ctrl-C, so that <c>produce</c>, <c>run</c> or any
/// Kafka client (kcat) can use it. Its log lives in memory and ends with the process.
/// </summary>
public sealed class BrokerCommand : ICommand
{
    /// <inheritdoc />
    public async Task<int> RunAsync(CommandLineArgs args, TextWriter output)
    {
        var options = new PipelineOptions { Partitions = args.Int("partitions", 8) };
        var bootstrapFile = args.String("bootstrap-file", Path.Combine(".streaming", "broker", "bootstrap.txt"));
        args.EnsureAllUsed();

        using var signal = new ShutdownSignal();
        using var broker = EmbeddedKafkaBroker.Start();
        EmbeddedTopics.Create(broker, options);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(bootstrapFile))!);
        broker.WriteBootstrapFile(bootstrapFile);
        await output.WriteLineAsync($"embedded broker at {broker.BootstrapServers}").ConfigureAwait(false);
        await output.WriteLineAsync($"bootstrap address written to {Path.GetFullPath(bootstrapFile)}").ConfigureAwait(false);
        await output.WriteLineAsync($"topics: {options.EventsTopic}, {options.ScoredTopic}, {options.DeadLetterTopic} ({options.Partitions} partitions each)").ConfigureAwait(false);
        await output.WriteLineAsync($"try: kcat -b {broker.BootstrapServers} -L        (Ctrl-C stops the broker)").ConfigureAwait(false);
        await signal.Requested.ConfigureAwait(false);
        return 0;
    }
}

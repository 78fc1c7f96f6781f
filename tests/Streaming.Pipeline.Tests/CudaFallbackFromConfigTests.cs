using Microsoft.Extensions.Logging;
using Streaming.Core.Schemas;
using Streaming.Host;
using Streaming.Inference;
using Xunit;

namespace Streaming.Pipeline.Tests;

public sealed class CudaFallbackFromConfigTests
{
    [Fact]
    public async Task A_config_asking_for_cuda_on_a_cpu_build_warns_once_with_the_reason_and_the_node_scores_on_the_cpu()
    {
        await using var bed = new PipelineTestBed(partitions: 2);
        var configPath = bed.TempFolder("cuda.json");
        Directory.CreateDirectory(Path.GetDirectoryName(configPath)!);
        await File.WriteAllTextAsync(configPath, """{ "inference": { "provider": "cuda", "max_batch": 64 } }""");
        var args = CommandLineArgs.Parse(["run", "--config", configPath, "--models", bed.TempFolder("models")]);

        // The configured provider reaches the node's model settings...
        var config = PipelineConfig.From(args);
        var models = ModelArgs.From(args, new DataFolder(bed.TempFolder("data")), config.Inference)!;
        Assert.Equal(ExecutionProvider.Cuda, models.Inference.Provider);
        Assert.Equal(64, models.Inference.MaxBatch);

        // ...and the node's sessions, which fall back to the CPU with one warning naming the reason.
        var log = new LogLines();
        using var loggers = LoggerFactory.Create(b => b.AddProvider(log).SetMinimumLevel(LogLevel.Information));
        var events = PipelineTestBed.Dataset(interactions: 600, users: 20, seed: 3);
        await using (var node = PipelineNode.Start(bed.Broker.BootstrapServers, bed.Options, bed.Store, bed.Engine, loggers,
            source => source with { SessionTimeout = TimeSpan.FromSeconds(6) }, models))
        {
            Assert.Equal(ExecutionProvider.Cpu, node.Models!.Provider);
            await bed.Publish(events);
            await bed.WaitCaughtUp(node);
            await node.DrainAsync();
        }

        var warning = Assert.Single(log.Lines, l => l.Level == LogLevel.Warning && l.Message.Contains("CUDA", StringComparison.Ordinal));
        Assert.Contains("CUDA execution provider requested but unavailable (this build's ONNX Runtime has no CUDA provider", warning.Message, StringComparison.Ordinal);
        Assert.Contains(log.Lines, l => l.Message == "Execution provider for stage models: Cpu");

        // Every request is scored, by the ONNX models (version 1 of each stage), one score per candidate.
        var codec = new EventCodec();
        var scored = TopicReader.ReadAll(bed.Broker.BootstrapServers, bed.Options.ScoredTopic, bed.Options.Partitions)
            .Select(r => codec.Decode(r.Message.Value, r.Message.Timestamp.UnixTimestampMs).ScoredRequest!)
            .ToDictionary(s => s.RequestId);
        var requests = events.Where(e => e.IsRequest).Select(e => e.Request!).ToList();
        Assert.NotEmpty(requests);
        Assert.Equal(requests.Count, scored.Count);
        foreach (var request in requests)
        {
            var output = scored[request.RequestId];
            Assert.Equal(["fatigue=1", "uplift=1"], output.ModelVersions.Order(StringComparer.Ordinal));
            Assert.Equal(request.Candidates.Select(c => c.ItemId), output.Scores.Select(s => s.ItemId));
            Assert.All(output.Scores, s => Assert.InRange(s.PEngage, 0f, 1f));
        }

        Assert.True(scored.Values.SelectMany(s => s.Scores).Select(s => s.PEngage).Distinct().Count() > 1, "every candidate got the same score");
    }

    private sealed class LogLines : ILoggerProvider
    {
        private readonly List<(LogLevel Level, string Message)> _lines = [];

        public IReadOnlyList<(LogLevel Level, string Message)> Lines
        {
            get
            {
                lock (_lines)
                {
                    return [.. _lines];
                }
            }
        }

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose()
        {
        }

        private sealed class Logger(LogLines owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                lock (owner._lines)
                {
                    owner._lines.Add((logLevel, formatter(state, exception)));
                }
            }
        }
    }
}

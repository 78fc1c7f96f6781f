using Streaming.Inference;
using Streaming.Pipeline.Replay;
using Streaming.Pipeline.Scoring;
using Streaming.State;

namespace Streaming.Pipeline.Tests.Replay;

/// <summary>What the replay tests share: settings over a test bed, and running one replay in a namespace of the bed's store.</summary>
internal static class ReplayBed
{
    public static ReplaySettings Settings(PipelineTestBed bed, string ns, ReplayRange range, string registry, IReadOnlyDictionary<string, long> pinned)
    {
        var settings = new ReplaySettings
        {
            BootstrapServers = bed.Broker.BootstrapServers,
            Production = bed.Options,
            Namespace = ns,
            Range = range,
            Models = new ModelSettings(registry, InferenceOptions.Default) { PinnedVersions = pinned },
        };
        bed.Broker.CreateTopic(settings.ScoredTopic, bed.Options.Partitions);
        bed.Broker.CreateTopic(settings.DeadLetterTopic, bed.Options.Partitions);
        return settings;
    }

    public static ReplayRange WholeTopic(PipelineTestBed bed)
    {
        using var resolver = new RangeResolver(bed.Broker.BootstrapServers, bed.Options.EventsTopic);
        return resolver.Resolve(new RangeBound.Start(), new RangeBound.End(), bed.Options.Partitions);
    }

    public static async Task<ReplayOutcome> Run(PipelineTestBed bed, ReplaySettings settings)
    {
        using RocksDbStateStore store = bed.Store.WithNamespace(settings.Namespace);
        return await ReplayRunner.RunAsync(settings, store, bed.Engine, bed.Loggers).WaitAsync(TimeSpan.FromSeconds(120));
    }
}

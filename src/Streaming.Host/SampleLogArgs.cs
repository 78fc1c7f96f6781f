using Streaming.Core.Features;
using Streaming.Pipeline.Training;

namespace Streaming.Host;

/// <summary>
/// Which sample log a command reads: the data folder's file log (default) or, with <c>--kafka</c>,
/// the samples topic at <c>--bootstrap</c> (<c>--topic</c>, default <c>training.samples_topic</c>).
/// </summary>
public sealed record SampleLogArgs(string? Bootstrap, string Topic, string Folder)
{
    /// <summary>Reads the options from <paramref name="args"/>.</summary>
    public static SampleLogArgs From(CommandLineArgs args, PipelineConfig config, DataFolder folder)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(folder);
        var bootstrap = args.Flag("kafka") ? BootstrapArgs.From(args) : null;
        return new SampleLogArgs(bootstrap, args.String("topic", config.Training.SamplesTopic), SampleLogs.Folder(folder.Root));
    }

    /// <summary>Reads and joins the log.</summary>
    public SampleLogContents Read(FeatureOptions features) => Bootstrap is not null
        ? SampleLogReader.ReadTopic(Bootstrap, Topic, features)
        : SampleLogReader.ReadFolder(Folder, features);

    /// <summary>Where the log was read from, for a report line.</summary>
    public string Describe(SampleLogStats stats)
    {
        ArgumentNullException.ThrowIfNull(stats);
        return Bootstrap is not null
            ? $"sample log: topic {Topic} at {Bootstrap}"
            : $"sample log: {Folder} ({stats.Segments} segments{(stats.TornBlocks > 0 ? $", {stats.TornBlocks} torn last blocks dropped" : "")})";
    }
}

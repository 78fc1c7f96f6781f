using System.IO.Compression;
using Streaming.Host;
using Streaming.Pipeline.Training;
using Xunit;

namespace Streaming.Pipeline.Tests.Training;

public sealed class PipelineConfigTrainingTests
{
    private static string Repository([System.Runtime.CompilerServices.CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", ".."));

    private static PipelineConfig Load(string file) =>
        PipelineConfig.From(CommandLineArgs.Parse(["--config", Path.Combine(Repository(), "pipelines", file)]));

    [Fact]
    public void The_embedded_configuration_logs_to_files_and_the_deployed_one_to_kafka()
    {
        var embedded = Load("embedded.json");
        Assert.Equal(SampleLogMode.File, embedded.Training.SampleLog);
        Assert.Equal(CompressionLevel.Fastest, embedded.Training.Compression);
        Assert.Equal(30, embedded.Features.TrainingLabelMinutes);
        Assert.Equal(TrainingOptions.Default, embedded.Training);

        var deployed = Load("deployed.json");
        Assert.Equal(SampleLogMode.Kafka, deployed.Training.SampleLog);
        Assert.Equal("samples", deployed.Training.SamplesTopic);
    }

    [Fact]
    public void Command_line_overrides_the_sample_log_and_checks_the_rate()
    {
        var args = CommandLineArgs.Parse(["--sample-log", "off", "--sample-rate", "0.25"]);
        var training = new PipelineConfig().TrainingFrom(args);
        Assert.Equal(SampleLogMode.Off, training.SampleLog);
        Assert.Equal(0.25, training.SampleRate);
        Assert.Throws<UsageException>(() => new PipelineConfig().TrainingFrom(CommandLineArgs.Parse(["--sample-rate", "1.5"])));
        Assert.Throws<UsageException>(() => new PipelineConfig().TrainingFrom(CommandLineArgs.Parse(["--sample-log", "disk"])));
    }
}

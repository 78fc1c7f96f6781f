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
    public void The_gpu_configuration_asks_for_cuda_with_large_micro_batches()
    {
        var gpu = Load("gpu.json");

        Assert.Equal(Streaming.Inference.ExecutionProvider.Cuda, gpu.Inference.Provider);
        Assert.Equal((2048, 10), (gpu.Inference.MaxBatch, gpu.Inference.MaxDelayMs));
        Assert.True(gpu.Inference.QueuePauseRows >= gpu.Inference.MaxBatch);
    }

    [Fact]
    public void Retraining_keys_are_read_and_a_bad_gate_is_refused()
    {
        var folder = Directory.CreateTempSubdirectory("training-config-");
        try
        {
            var good = Path.Combine(folder.FullName, "good.json");
            File.WriteAllText(good, """{ "training": { "interval": "00:10:00", "epochs": 4, "meda": true, "exposed_only": true, "gate": { "fatigue_metric": "gauc", "max_regression": 0.01 } } }""");
            var training = PipelineConfig.From(CommandLineArgs.Parse(["--config", good])).Training;
            Assert.Equal(TimeSpan.FromMinutes(10), training.Interval);
            Assert.Equal((4, true, true), (training.Epochs, training.Meda, training.ExposedOnly));
            Assert.Equal(("gauc", "qini", 0.01), (training.Gate.FatigueMetric, training.Gate.UpliftMetric, training.Gate.MaxRegression));

            var bad = Path.Combine(folder.FullName, "bad.json");
            File.WriteAllText(bad, """{ "training": { "gate": { "fatigue_metric": "accuracy" } } }""");
            var error = Assert.Throws<UsageException>(() => PipelineConfig.From(CommandLineArgs.Parse(["--config", bad])));
            Assert.Contains("fatigue_metric", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
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

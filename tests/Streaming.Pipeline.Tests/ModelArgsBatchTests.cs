using Streaming.Host;
using Streaming.Inference;
using Xunit;

namespace Streaming.Pipeline.Tests;

public sealed class ModelArgsBatchTests
{
    [Fact]
    public void A_batch_above_the_queue_thresholds_scales_them_and_keeps_the_options_valid()
    {
        var args = CommandLineArgs.Parse(["bench", "pipeline", "--cuda", "--max-batch", "4096"]);

        var inference = ModelArgs.From(args, new DataFolder(Path.GetTempPath()))!.Inference;

        Assert.Equal(ExecutionProvider.Cuda, inference.Provider);
        Assert.Equal(4096, inference.MaxBatch);
        // The defaults hold 8 full batches before pausing and resume at half: so do the scaled ones.
        Assert.Equal(8 * 4096, inference.QueuePauseRows);
        Assert.Equal(4 * 4096, inference.QueueResumeRows);
        inference.Validate();
    }

    [Fact]
    public void A_smaller_batch_leaves_the_queue_thresholds_alone()
    {
        var args = CommandLineArgs.Parse(["bench", "pipeline", "--max-batch", "64"]);

        var inference = ModelArgs.From(args, new DataFolder(Path.GetTempPath()))!.Inference;

        Assert.Equal(64, inference.MaxBatch);
        Assert.Equal(InferenceOptions.Default.QueuePauseRows, inference.QueuePauseRows);
        Assert.Equal(InferenceOptions.Default.QueueResumeRows, inference.QueueResumeRows);
    }
}

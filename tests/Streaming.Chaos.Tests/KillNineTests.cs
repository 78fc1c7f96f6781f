using Streaming.Host.Chaos;
using Xunit;
using Xunit.Abstractions;

namespace Streaming.Chaos.Tests;

public sealed class KillNineTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Killing_the_pipeline_process_at_seeded_points_loses_nothing_and_applies_nothing_twice()
    {
        var folder = Path.Combine(Path.GetTempPath(), "streaming-chaos-kill-" + Guid.NewGuid().ToString("N"));
        try
        {
            // 20k events + 1k bad records over 4 partitions, 4 kills (seed 1: two while
            // processing, the others where the seed puts them), the pipeline a child process.
            var options = ChaosOptions.Quick(folder);
            var result = await KillChaosRun.RunAsync(options, output.WriteLine);
            var verdict = result.Verdict;
            output.WriteLine(verdict.ToString());

            Assert.Equal(options.Kills, result.DurableAtKills.Count);
            Assert.True(verdict.StateEqual, $"{verdict.UsersEqual}/{verdict.Users} users equal the reference");
            Assert.Equal(0, verdict.Lost);
            Assert.Equal(0, verdict.DoubleApplied);
            Assert.Equal(0, verdict.UnexpectedUsers);
            Assert.Equal(0, verdict.AnswersUnknown);
            Assert.Equal(0, verdict.AnswersDiffering);
            Assert.Equal(options.BadRecords, verdict.DeadLettered);
            Assert.Equal(0, verdict.DeadLettersWrong);
            Assert.Equal(0, verdict.PartitionsBehind);
            Assert.InRange(verdict.Duplicates, 0, result.DuplicatesBound);
            // The training sample log survives the kills too: every served row and outcome is there.
            var samples = Assert.IsType<SampleLogVerdict>(verdict.Samples);
            Assert.Equal(0, samples.RowsMissing);
            Assert.Equal(0, samples.RowsUnknown);
            Assert.Equal(0, samples.RowsDiffering);
            Assert.Equal(0, samples.OutcomesMissing);
            Assert.True(result.Passed);
        }
        finally
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless.
            }
        }
    }
}

using Microsoft.Extensions.Logging.Abstractions;
using Streaming.Training.Job;
using Xunit;

namespace Streaming.Training.Tests;

public sealed class Training_schedule
{
    [Fact]
    public async Task A_failing_round_is_logged_and_the_next_round_still_runs()
    {
        var calls = 0;
        var secondRound = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var schedule = new TrainingSchedule(
            TimeSpan.FromMilliseconds(20),
            _ =>
            {
                if (Interlocked.Increment(ref calls) == 1)
                {
                    throw new InvalidOperationException("first round fails");
                }

                secondRound.TrySetResult();
                return [];
            },
            NullLogger.Instance);

        await secondRound.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await schedule.DisposeAsync();

        Assert.True(calls >= 2);
    }

    [Fact]
    public async Task Disposing_cancels_a_round_in_flight_and_stops_the_schedule()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = 0;
        var schedule = new TrainingSchedule(
            TimeSpan.FromMilliseconds(10),
            token =>
            {
                Interlocked.Increment(ref calls);
                started.TrySetResult();
                token.WaitHandle.WaitOne();
                token.ThrowIfCancellationRequested();
                return [];
            },
            NullLogger.Instance);

        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await schedule.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        var after = calls;
        await Task.Delay(100);

        Assert.Equal(1, after);
        Assert.Equal(after, calls);
    }
}

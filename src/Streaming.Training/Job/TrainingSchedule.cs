using Microsoft.Extensions.Logging;

namespace Streaming.Training.Job;

/// <summary>
/// The periodic retraining job (<c>training.interval</c>): runs a round every interval on a
/// thread-pool thread, one at a time, until disposed. A failed round is logged and the next one
/// runs on time: retraining is best effort, serving never waits for it.
/// </summary>
public sealed partial class TrainingSchedule : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly ILogger _logger;
    private int _rounds;

    /// <summary>Starts the schedule: the first round runs one <paramref name="interval"/> from now.</summary>
    public TrainingSchedule(TimeSpan interval, Func<CancellationToken, IReadOnlyList<StageRoundReport>> round, ILogger logger, TimeProvider? time = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(logger);
        _logger = logger;
        _loop = Task.Run(() => LoopAsync(interval, round, time ?? TimeProvider.System, _stop.Token));
    }

    /// <summary>Rounds completed (successfully or not) so far.</summary>
    public int Rounds => Volatile.Read(ref _rounds);

    /// <summary>Raised after every round with its reports (empty when the round failed).</summary>
    public event Action<IReadOnlyList<StageRoundReport>>? RoundCompleted;

    private async Task LoopAsync(TimeSpan interval, Func<CancellationToken, IReadOnlyList<StageRoundReport>> round, TimeProvider time, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stop).ConfigureAwait(false))
            {
                IReadOnlyList<StageRoundReport> reports = [];
                try
                {
                    reports = round(stop);
                    foreach (var report in reports)
                    {
                        RoundFinished(_logger, report.Stage, report.Outcome, report.PublishedVersion, report.Detail);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException || !stop.IsCancellationRequested)
                {
                    RoundFailed(_logger, e);
                }

                Interlocked.Increment(ref _rounds);
                RoundCompleted?.Invoke(reports);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Disposed: a round in flight observed the token and stopped.
        }
    }

    /// <summary>Stops the schedule and waits for a round in flight to observe it.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Training round for {Stage}: {Outcome} (published version {Version}): {Detail}")]
    private static partial void RoundFinished(ILogger logger, string stage, RoundOutcome outcome, long? version, string detail);

    [LoggerMessage(Level = LogLevel.Error, Message = "Training round failed; the next one runs at the next interval")]
    private static partial void RoundFailed(ILogger logger, Exception exception);
}

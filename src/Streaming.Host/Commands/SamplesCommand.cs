using System.Diagnostics;

namespace Streaming.Host.Commands;

/// <summary>
/// <c>streaming samples</c>: reads a node's training sample log (its data folder's file log, or the
/// Kafka topic with <c>--kafka</c>), joins it to the outcomes, and prints what the training job
/// would get: rows, labeled rows, positives, sizes (docs/training-samples.md).
/// </summary>
public sealed class SamplesCommand : ICommand
{
    /// <inheritdoc />
    public Task<int> RunAsync(CommandLineArgs args, TextWriter output)
    {
        var config = PipelineConfig.From(args);
        var source = SampleLogArgs.From(args, config, DataFolder.From(args, "run"));
        args.EnsureAllUsed();

        var clock = Stopwatch.StartNew();
        var read = source.Read(config.Features);
        clock.Stop();
        var (set, stats) = (read.Set, read.Stats);
        var counts = set.Counts;
        var positives = set.Fatigue.Count(r => r.Engaged);
        var exposed = set.Fatigue.Count(r => r.Exposed);
        var (train, holdOut) = set.HoldOutNewestDay();

        var report = new CommandReport(output);
        report.Line(source.Describe(stats));
        report.Line($"read {stats.FatigueSamples:N0} candidate rows, {stats.UpliftSamples:N0} request rows, {stats.Outcomes:N0} outcomes in {clock.Elapsed.TotalSeconds:F1} s; "
            + $"duplicates dropped: {counts.DuplicateSamples:N0} rows, {counts.DuplicateOutcomes:N0} outcomes");
        report.Line($"size: {stats.StoredBytes / 1048576.0:F1} MiB stored, {stats.PayloadBytes / 1048576.0:F1} MiB framed; {stats.StoredBytesPerCandidate:F0} stored bytes per candidate row");
        report.Line($"label cutoff {(counts.CutoffMs is { } c ? DateTimeOffset.FromUnixTimeMilliseconds(c).ToString("u", System.Globalization.CultureInfo.InvariantCulture) : "none")}: "
            + $"fatigue {set.Fatigue.Count:N0} labeled ({positives:N0} engaged, {exposed:N0} exposed), {counts.FatiguePending:N0} still in their window; "
            + $"uplift {set.Uplift.Count:N0} labeled ({set.Uplift.Count(r => r.Tagged):N0} by request id), {counts.UpliftPending:N0} in their window, {counts.UpliftWithoutPlays:N0} without plays");
        report.Line(set.NewestDay is { } day
            ? $"hold-out day {DateOnly.FromDayNumber((int)(day + DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber)):yyyy-MM-dd}: {holdOut.Fatigue.Count:N0} fatigue and {holdOut.Uplift.Count:N0} uplift rows; train: {train.Fatigue.Count:N0} and {train.Uplift.Count:N0}"
            : "no labeled rows yet");
        report.Figure("candidate_rows", stats.FatigueSamples);
        report.Figure("request_rows", stats.UpliftSamples);
        report.Figure("outcomes", stats.Outcomes);
        report.Figure("duplicate_rows", counts.DuplicateSamples);
        report.Figure("fatigue_labeled", set.Fatigue.Count);
        report.Figure("fatigue_positives", positives);
        report.Figure("fatigue_pending", counts.FatiguePending);
        report.Figure("uplift_labeled", set.Uplift.Count);
        report.Figure("stored_bytes", stats.StoredBytes);
        report.Figure("payload_bytes", stats.PayloadBytes);
        report.Figure("stored_bytes_per_candidate", CommandReport.Round(stats.StoredBytesPerCandidate));
        report.Figure("torn_blocks", stats.TornBlocks);
        report.Finish();
        return Task.FromResult(0);
    }
}

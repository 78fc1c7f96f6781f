using Streaming.Host.Chaos;

namespace Streaming.Host.Commands;

/// <summary>
/// <c>streaming chaos</c>: the kill -9 harness (docs/chaos.md). Produces N synthetic events with
/// malformed records interleaved to an embedded broker in this process, runs the pipeline as a
/// child process, kills it with SIGKILL at K seeded points and restarts it, then compares the
/// store, the scored topic and the dead-letter topic with an uninterrupted run's. The last line is
/// JSON; the exit code is 0 only when nothing was lost or applied twice.
/// </summary>
public sealed class ChaosCommand : ICommand
{
    /// <inheritdoc />
    public async Task<int> RunAsync(CommandLineArgs args, TextWriter output)
    {
        var folder = DataFolder.From(args, "chaos");
        var options = args.Flag("quick") ? ChaosOptions.Quick(folder.Root) : new ChaosOptions { WorkFolder = folder.Root };
        options = options with
        {
            Events = args.Int("events", options.Events),
            Kills = args.Int("kills", options.Kills),
            Seed = args.Long("seed", options.Seed),
            Partitions = args.Int("partitions", options.Partitions),
            Users = args.Int("users", options.Users),
            StallTimeout = TimeSpan.FromSeconds(args.Int("stall-s", (int)options.StallTimeout.TotalSeconds)),
            RecordsPerSecond = args.Int("rate", (int)options.RecordsPerSecond),
            BadRecords = args.Int("bad", args.Get("events") is null ? options.BadRecords : args.Int("events", options.Events) / 20),
        };
        args.EnsureAllUsed();
        try
        {
            options.Validate();
        }
        catch (ArgumentOutOfRangeException ex)
        {
            throw new UsageException(ex.Message);
        }

        var report = new CommandReport(output);
        ChaosResult result;
        try
        {
            result = await KillChaosRun.RunAsync(options, report.Line).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or IOException or Confluent.Kafka.KafkaException)
        {
            // The harness could not finish (a node died by itself, progress stalled): a failed run,
            // reported in the same shape so scripts reading the last line see it.
            report.Line("FAILED: " + ex);
            report.Figure("kills", options.Kills);
            report.Figure("events", options.Events);
            report.Figure("passed", false);
            report.Figure("error", ex.Message.Split('\n')[0]);
            report.Finish();
            return 1;
        }
        var verdict = result.Verdict;
        report.Line($"state: {verdict.UsersEqual:N0}/{verdict.Users:N0} users equal the reference; {verdict.UsersMissingEvents} miss events, {verdict.UsersDoubleApplied} double-applied, {verdict.UnexpectedUsers} unexpected");
        report.Line($"answers: {verdict.Answers:N0} for {verdict.Requests:N0} requests; {verdict.AnswersMissing} missing, {verdict.Duplicates:N0} duplicates (bound {result.DuplicatesBound:N0}), {verdict.AnswersDiffering} differing");
        report.Line($"dead letters: {verdict.DeadLettered:N0}/{verdict.BadRecords:N0} bad records; {verdict.DeadLettersMissing} missing, {verdict.DeadLettersWrong} wrong, {verdict.DeadLetterDuplicates:N0} duplicates");
        if (verdict.Samples is { } samples)
        {
            report.Line($"sample log: {samples.Rows - samples.RowsMissing:N0}/{samples.Rows:N0} served rows, {samples.Outcomes - samples.OutcomesMissing:N0}/{samples.Outcomes:N0} outcomes; "
                + $"{samples.RowDuplicates:N0} re-logged rows ({samples.RowsDiffering} differing), {samples.TornBlocks} torn blocks dropped");
            report.Figure("sample_rows_missing", samples.RowsMissing);
            report.Figure("sample_outcomes_missing", samples.OutcomesMissing);
            report.Figure("sample_rows_relogged", samples.RowDuplicates);
            report.Figure("sample_torn_blocks", samples.TornBlocks);
        }
        foreach (var problem in verdict.Problems())
        {
            report.Line("PROBLEM: " + problem);
        }
        report.Line(result.Passed ? "PASSED" : "FAILED");
        report.Figure("kills", options.Kills);
        report.Figure("events", options.Events);
        report.Figure("lost", verdict.Lost);
        report.Figure("double_applied", verdict.DoubleApplied);
        report.Figure("state_equal", verdict.StateEqual);
        report.Figure("dlq", verdict.DeadLettered);
        report.Figure("duplicates_before_dedupe", verdict.Duplicates);
        report.Figure("duplicates_bound", result.DuplicatesBound);
        report.Figure("bad_records", verdict.BadRecords);
        report.Figure("dlq_missing", verdict.DeadLettersMissing);
        report.Figure("dlq_wrong", verdict.DeadLettersWrong);
        report.Figure("dlq_duplicates", verdict.DeadLetterDuplicates);
        report.Figure("requests", verdict.Requests);
        report.Figure("answers_missing", verdict.AnswersMissing);
        report.Figure("answers_differing", verdict.AnswersDiffering);
        report.Figure("users", verdict.Users);
        report.Figure("partitions", options.Partitions);
        report.Figure("seed", options.Seed);
        report.Figure("passed", result.Passed);
        report.Figure("elapsed_s", CommandReport.Round(result.Elapsed.TotalSeconds, 1));
        report.Finish();
        return result.Passed ? 0 : 1;
    }
}

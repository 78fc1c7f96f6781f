using Xunit;

namespace Streaming.Chaos.Tests;

public sealed class BadInputTests
{
    [Fact]
    public async Task Ten_thousand_malformed_records_among_valid_ones_are_dead_lettered_with_reasons_and_every_valid_event_is_applied_once()
    {
        await using var bed = new ChaosTestBed(partitions: 4);
        // 2,000 each of random bytes, truncated Avro, unknown schema version, out-of-range values
        // and oversized payloads, at seeded positions among 10,000 valid events.
        var workload = ChaosTestBed.Workload(events: 10_000, bad: 10_000, users: 300, maxPayloadBytes: bed.Options.MaxPayloadBytes);
        var interactions = workload.Events.Count(e => e.IsInteraction);

        await using var node = bed.StartNode();
        var positions = await bed.Produce(workload);
        await bed.WaitDurable(workload.Records.Count, node);

        // The stream never stopped, and counted each record once for what it is.
        Assert.False(node.Pipeline.Completion.IsCompleted);
        var metrics = node.Pipeline.Metrics;
        Assert.Equal(workload.BadRecords, metrics.DeadLettered);
        Assert.Equal(interactions, metrics.InteractionsApplied);
        Assert.Equal(workload.Requests, metrics.RequestsScored);
        Assert.Equal(0, metrics.AlreadyApplied);
        await node.DrainAsync();

        var verdict = await bed.Verify(workload, positions);
        Assert.True(verdict.StateEqual, $"{verdict.UsersEqual}/{verdict.Users} users equal the reference");
        // Every bad record is on the dead-letter topic once, with its status, a reason, its source
        // position and its original bytes; no valid record is.
        Assert.Equal(workload.BadRecords, verdict.DeadLettered);
        Assert.Equal(0, verdict.DeadLettersMissing);
        Assert.Equal(0, verdict.DeadLettersWrong);
        Assert.Equal(0, verdict.DeadLetterDuplicates);
        Assert.Equal(0, verdict.AnswersMissing);
        Assert.Equal(0, verdict.Duplicates);
        Assert.Empty(verdict.Problems());
        var kinds = bed.Outputs.DeadLetters().GroupBy(d => d.Status).ToDictionary(g => g.Key!, g => g.Count());
        Assert.Equal(4_000, kinds["Malformed"]);
        Assert.Equal(2_000, kinds["UnknownSchemaVersion"]);
        Assert.Equal(4_000, kinds["OutOfRange"]);
        Assert.Equal(2_000, bed.Outputs.DeadLetters().Count(d => d.Reason!.StartsWith("oversized", StringComparison.Ordinal)));
    }
}

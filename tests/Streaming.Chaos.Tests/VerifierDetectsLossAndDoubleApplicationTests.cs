using System.Text;
using Streaming.Core.Features;
using Streaming.Core.Features.Vectors;
using Streaming.Host.Chaos;
using Streaming.State;
using Xunit;

namespace Streaming.Chaos.Tests;

/// <summary>The harness's verdict must be able to fail: a store and outputs with known faults must be counted as such.</summary>
public sealed class VerifierDetectsLossAndDoubleApplicationTests : IDisposable
{
    private const string Topic = "events";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "streaming-chaos-verifier-" + Guid.NewGuid().ToString("N"));
    private readonly FeatureEngine _engine = new(FeatureOptions.Default, new HashItemVectors(FeatureOptions.Default.EmbeddingDim));

    [Fact]
    public void A_missing_event_counts_as_lost_a_repeated_one_as_double_applied_and_missing_outputs_are_counted()
    {
        var workload = ChaosWorkload.Create(events: 400, users: 6, badRecords: 10, seed: 3, maxPayloadBytes: 2_048);
        // Everything on partition 0, at offsets in production order.
        var positions = new RecordPositions(workload.Records.Count);
        for (var i = 0; i < workload.Records.Count; i++)
        {
            positions.Delivered(i, 0, i);
        }
        var interactions = Enumerable.Range(0, workload.Records.Count)
            .Where(i => workload.Records[i].Event is { IsInteraction: true })
            .Select(i => (Index: i, Interaction: workload.Records[i].Event!.Value.Interaction!))
            .ToList();
        var users = interactions.Select(x => x.Interaction.UserId).Distinct().Order().ToList();
        Assert.True(users.Count >= 3, "the workload needs three users with interactions");
        var (lostUser, doubledUser) = (users[0], users[1]);

        var writes = new List<UserWrite>();
        foreach (var user in users)
        {
            var own = interactions.Where(x => x.Interaction.UserId == user).ToList();
            var applied = user == lostUser ? own.SkipLast(1).ToList() : own;
            var state = _engine.CreateState(user);
            foreach (var (_, interaction) in applied)
            {
                _engine.Apply(state, interaction);
            }
            if (user == doubledUser)
            {
                _engine.Apply(state, own[own.Count / 2].Interaction);
            }
            writes.Add(new UserWrite(user, applied.Count == 0 ? -1 : applied[^1].Index, UserStateCodec.Encode(state)));
        }
        using var store = new RocksDbStateStore(new RocksDbStoreOptions { Path = _folder, SyncWrites = false });
        Assert.Equal(CommitResult.Committed, store.Commit(new StateBatch(Topic, 0, null, workload.Records.Count, writes)));

        // Two requests answered (one twice, differently), one answer for an unknown request, no dead letters.
        var requests = workload.Events.Where(e => e.IsRequest).Select(e => e.Request!.RequestId).ToList();
        var answers = new List<(string, byte[])>
        {
            (requests[0], [1]),
            (requests[0], [2]),
            (requests[1], [3]),
            ("never-asked", [4]),
        };
        var ends = new Dictionary<int, long> { [0] = workload.Records.Count + 1 };

        var verdict = ChaosVerifier.Verify(workload, positions, store, Topic, ends, _engine, answers, []);

        Assert.Equal(users.Count, verdict.Users);
        Assert.Equal(1, verdict.UsersMissingEvents);
        Assert.Equal(1, verdict.UsersDoubleApplied);
        Assert.Equal(users.Count - 2, verdict.UsersEqual);
        Assert.False(verdict.StateEqual);
        Assert.Equal(requests.Count - 2, verdict.AnswersMissing);
        Assert.Equal(1, verdict.AnswersUnknown);
        Assert.Equal(1, verdict.Duplicates);
        Assert.Equal(1, verdict.AnswersDiffering);
        Assert.Equal(requests.Count - 2 + 1, verdict.Lost);
        Assert.Equal(1, verdict.DoubleApplied);
        Assert.Equal(workload.BadRecords, verdict.DeadLettersMissing);
        Assert.Equal(1, verdict.PartitionsBehind);
        Assert.False(verdict.Clean);
    }

    [Fact]
    public void A_dead_letter_with_the_wrong_status_or_bytes_is_counted_as_wrong()
    {
        var workload = ChaosWorkload.Create(events: 200, users: 4, badRecords: 5, seed: 4, maxPayloadBytes: 2_048);
        var positions = new RecordPositions(workload.Records.Count);
        for (var i = 0; i < workload.Records.Count; i++)
        {
            positions.Delivered(i, 0, i);
        }
        var bad = Enumerable.Range(0, workload.Records.Count).Where(i => workload.Records[i].IsBad).ToList();
        DeadLetterRecord Letter(int index, string? status = null, byte[]? value = null) => new(
            status ?? workload.Records[index].Bad?.ExpectedStatus().ToString() ?? "Malformed", "a reason", Topic, 0, index,
            value ?? workload.Records[index].Payload);
        var letters = new List<DeadLetterRecord>
        {
            Letter(bad[0]),
            Letter(bad[0]),
            Letter(bad[1], status: "Ok"),
            Letter(bad[2], value: Encoding.ASCII.GetBytes("other bytes")),
            Letter(Enumerable.Range(0, workload.Records.Count).First(i => !workload.Records[i].IsBad)),
        };
        using var store = new RocksDbStateStore(new RocksDbStoreOptions { Path = _folder, SyncWrites = false });

        var verdict = ChaosVerifier.Verify(workload, positions, store, Topic, new Dictionary<int, long>(), _engine, [], letters);

        Assert.Equal(1, verdict.DeadLettered);
        Assert.Equal(1, verdict.DeadLetterDuplicates);
        Assert.Equal(3, verdict.DeadLettersWrong);
        Assert.Equal(workload.BadRecords - 1, verdict.DeadLettersMissing);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}

using Streaming.Core.Features;
using Streaming.State;

namespace Streaming.Host.Chaos;

/// <summary>
/// Compares what a run left behind with the independent reference: every user's state after
/// applying their valid interactions in production order with the feature engine directly (no
/// Kafka, no store, no pipeline), encoded; one answer per request; one dead letter per bad record.
/// </summary>
internal static class ChaosVerifier
{
    public static ChaosVerdict Verify(
        ChaosWorkload workload,
        RecordPositions positions,
        IStateStore store,
        string eventsTopic,
        IReadOnlyDictionary<int, long> endOffsets,
        FeatureEngine engine,
        IReadOnlyList<(string RequestId, byte[] Value)> answers,
        IReadOnlyList<DeadLetterRecord> deadLetters)
    {
        var (users, equal, missing, doubled, unexpected) = CompareStates(workload, positions, store, engine);
        var (requests, missingAnswers, unknown, duplicates, differing) = CompareAnswers(workload, answers);
        var (dead, deadMissing, deadWrong, deadDuplicates) = CompareDeadLetters(workload, positions, eventsTopic, deadLetters);
        var behind = endOffsets.Count(e => store.ReadOffset(eventsTopic, e.Key) != e.Value);
        return new ChaosVerdict(users, equal, missing, doubled, unexpected, requests, answers.Count, missingAnswers, unknown, duplicates, differing,
            workload.BadRecords, dead, deadMissing, deadWrong, deadDuplicates, behind);
    }

    /// <summary>The reference: each user's encoded state after their valid interactions, in order.</summary>
    public static Dictionary<long, byte[]> ReferenceStates(ChaosWorkload workload, FeatureEngine engine)
    {
        var states = new Dictionary<long, UserState>();
        foreach (var e in workload.Events)
        {
            if (e.Interaction is not { } interaction)
            {
                continue;
            }
            if (!states.TryGetValue(interaction.UserId, out var state))
            {
                state = engine.CreateState(interaction.UserId);
                states.Add(interaction.UserId, state);
            }
            engine.Apply(state, interaction);
        }
        return states.ToDictionary(kv => kv.Key, kv => UserStateCodec.Encode(kv.Value));
    }

    private static (int Users, int Equal, int Missing, int Doubled, int Unexpected) CompareStates(
        ChaosWorkload workload, RecordPositions positions, IStateStore store, FeatureEngine engine)
    {
        var reference = ReferenceStates(workload, engine);
        var lastOffset = new Dictionary<long, long>();
        for (var i = 0; i < workload.Records.Count; i++)
        {
            if (workload.Records[i].Event is { IsInteraction: true } e)
            {
                lastOffset[e.UserId] = positions.Offset(i);
            }
        }
        int equal = 0, missing = 0, doubled = 0;
        foreach (var (user, expected) in reference)
        {
            var stored = store.ReadUser(user);
            if (stored is null || stored.Value.AppliedOffset < lastOffset[user])
            {
                missing++;
            }
            else if (expected.AsSpan().SequenceEqual(stored.Value.State.Span))
            {
                equal++;
            }
            else
            {
                doubled++;
            }
        }
        var unexpected = store.UserIds().Count(u => !reference.ContainsKey(u));
        return (reference.Count, equal, missing, doubled, unexpected);
    }

    private static (long Requests, long Missing, long Unknown, long Duplicates, long Differing) CompareAnswers(
        ChaosWorkload workload, IReadOnlyList<(string RequestId, byte[] Value)> answers)
    {
        var requestIds = workload.Events.Where(e => e.IsRequest).Select(e => e.Request!.RequestId).ToHashSet(StringComparer.Ordinal);
        var first = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var differing = new HashSet<string>(StringComparer.Ordinal);
        long duplicates = 0, unknown = 0;
        foreach (var (requestId, value) in answers)
        {
            if (!requestIds.Contains(requestId))
            {
                unknown++;
            }
            if (first.TryGetValue(requestId, out var earlier))
            {
                duplicates++;
                if (!earlier.AsSpan().SequenceEqual(value))
                {
                    differing.Add(requestId);
                }
            }
            else
            {
                first.Add(requestId, value);
            }
        }
        var missing = requestIds.Count(id => !first.ContainsKey(id));
        return (requestIds.Count, missing, unknown, duplicates, differing.Count);
    }

    private static (int DeadLettered, int Missing, int Wrong, int Duplicates) CompareDeadLetters(
        ChaosWorkload workload, RecordPositions positions, string eventsTopic, IReadOnlyList<DeadLetterRecord> deadLetters)
    {
        var byPosition = positions.ByPosition();
        var seen = new HashSet<int>();
        int wrong = 0, duplicates = 0;
        foreach (var letter in deadLetters)
        {
            if (letter.SourceTopic != eventsTopic || !byPosition.TryGetValue((letter.SourcePartition, letter.SourceOffset), out var index))
            {
                wrong++;
                continue;
            }
            var planned = workload.Records[index];
            if (planned.Bad is not { } kind
                || letter.Status != kind.ExpectedStatus().ToString()
                || string.IsNullOrWhiteSpace(letter.Reason)
                || !planned.Payload.AsSpan().SequenceEqual(letter.Value))
            {
                wrong++;
                continue;
            }
            if (!seen.Add(index))
            {
                duplicates++;
            }
        }
        var missing = workload.BadRecords - seen.Count;
        return (seen.Count, missing, wrong, duplicates);
    }
}

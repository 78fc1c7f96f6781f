namespace Streaming.Host.Chaos;

/// <summary>
/// What a chaos run left behind, compared with what an uninterrupted run must leave: the state
/// store against the reference states, the scored topic against the requests, the dead-letter
/// topic against the bad records.
/// </summary>
/// <param name="Users">Users with at least one valid interaction (the reference).</param>
/// <param name="UsersEqual">Users whose stored state equals the reference byte for byte.</param>
/// <param name="UsersMissingEvents">Users absent from the store, or whose stored applied offset is behind their last interaction's: events lost.</param>
/// <param name="UsersDoubleApplied">Users whose applied offset is right but whose state differs: an event applied twice (or otherwise corrupted).</param>
/// <param name="UnexpectedUsers">Users in the store that the reference does not have.</param>
/// <param name="Requests">Scoring requests produced.</param>
/// <param name="Answers">ScoredRequest records on the scored topic, duplicates included.</param>
/// <param name="AnswersMissing">Requests without any answer.</param>
/// <param name="AnswersUnknown">Answers to request ids that were never produced.</param>
/// <param name="Duplicates">Answers beyond the first per request id (removed by de-duplication downstream).</param>
/// <param name="AnswersDiffering">Request ids whose duplicate answers are not byte-identical.</param>
/// <param name="BadRecords">Malformed records produced.</param>
/// <param name="DeadLettered">Distinct source records on the dead-letter topic.</param>
/// <param name="DeadLettersMissing">Bad records not on the dead-letter topic.</param>
/// <param name="DeadLettersWrong">Dead letters with a wrong or missing header, wrong bytes, or for a valid record.</param>
/// <param name="DeadLetterDuplicates">Dead letters beyond the first per source record.</param>
/// <param name="PartitionsBehind">Input partitions whose stored next offset is not the topic's end.</param>
internal sealed record ChaosVerdict(
    int Users,
    int UsersEqual,
    int UsersMissingEvents,
    int UsersDoubleApplied,
    int UnexpectedUsers,
    long Requests,
    long Answers,
    long AnswersMissing,
    long AnswersUnknown,
    long Duplicates,
    long AnswersDiffering,
    int BadRecords,
    int DeadLettered,
    int DeadLettersMissing,
    int DeadLettersWrong,
    int DeadLetterDuplicates,
    int PartitionsBehind)
{
    /// <summary>The training sample log's check; null when the run logged no samples.</summary>
    public SampleLogVerdict? Samples { get; init; }

    /// <summary>Requests with no answer plus users whose state misses events.</summary>
    public long Lost => AnswersMissing + UsersMissingEvents;

    /// <summary>Users with a detectably double-applied event.</summary>
    public int DoubleApplied => UsersDoubleApplied;

    /// <summary>Every user's stored state equals the reference, and the store holds no other user.</summary>
    public bool StateEqual => UsersEqual == Users && UnexpectedUsers == 0;

    /// <summary>Everything an uninterrupted run would give, up to de-duplicated outputs.</summary>
    public bool Clean => Problems().Count == 0;

    /// <summary>Each way the run differs from an uninterrupted one, readable.</summary>
    public List<string> Problems()
    {
        var problems = new List<string>();
        Add(UsersMissingEvents, "users miss events");
        Add(UsersDoubleApplied, "users have an event applied twice (state differs at the right applied offset)");
        Add(UnexpectedUsers, "users are stored that the reference does not have");
        Add(AnswersMissing, "requests have no answer");
        Add(AnswersUnknown, "answers are for unknown requests");
        Add(AnswersDiffering, "requests have duplicate answers that differ");
        Add(DeadLettersMissing, "bad records are not on the dead-letter topic");
        Add(DeadLettersWrong, "dead letters are wrong (headers, bytes, or a valid record)");
        Add(PartitionsBehind, "partitions' stored offsets are not at the topic's end");
        if (Samples is { } samples)
        {
            Add(samples.RowsMissing, "served rows are missing from the sample log");
            Add(samples.RowsUnknown, "sample-log rows belong to no request's candidate");
            Add(samples.RowsDiffering, "re-logged sample rows differ from their first copy");
            Add(samples.OutcomesMissing, "applied interactions have no outcome in the sample log");
        }
        return problems;

        void Add(long count, string what)
        {
            if (count > 0)
            {
                problems.Add($"{count} {what}");
            }
        }
    }
}

using Streaming.Core.Datasets;
using Streaming.Core.Events;
using Streaming.Core.Schemas;

namespace Streaming.Host.Chaos;

/// <summary>
/// The input of a chaos run: the first <c>events</c> events of a seeded synthetic dataset (both
/// interactions and scoring requests, in dataset order), with <c>bad</c> malformed records
/// interleaved at seeded positions, the kinds taking turns so each gets an equal share.
/// </summary>
internal sealed class ChaosWorkload
{
    private ChaosWorkload(IReadOnlyList<DatasetEvent> events, IReadOnlyList<PlannedRecord> records, int badRecords)
    {
        Events = events;
        Records = records;
        BadRecords = badRecords;
    }

    /// <summary>The valid events, in the order they are produced.</summary>
    public IReadOnlyList<DatasetEvent> Events { get; }

    /// <summary>Everything produced, valid and bad, in production order.</summary>
    public IReadOnlyList<PlannedRecord> Records { get; }

    public int BadRecords { get; }

    public long Requests => Events.Count(e => e.IsRequest);

    public static ChaosWorkload Create(int events, int users, int badRecords, long seed, int maxPayloadBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(events, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(badRecords);
        var dataset = new SyntheticDataset(SyntheticOptions.Default with { Interactions = events, Users = users, Seed = seed })
            .Events().Take(events).ToList();
        var codec = new EventCodec();
        var random = new Random(unchecked((int)seed) ^ 0x5EED);
        var factory = new BadRecordFactory(codec, maxPayloadBytes);
        var interactions = dataset.Where(e => e.IsInteraction).Select(e => e.Interaction!).ToList();

        // Which of the events + bad slots are bad: exactly badRecords of them, uniformly spread.
        var isBad = new bool[events + badRecords];
        isBad.AsSpan(0, badRecords).Fill(true);
        random.Shuffle(isBad);

        var records = new List<PlannedRecord>(isBad.Length);
        int next = 0, bad = 0;
        foreach (var slot in isBad)
        {
            if (slot)
            {
                var kind = BadRecordKinds.All[bad++ % BadRecordKinds.All.Length];
                var template = interactions[random.Next(interactions.Count)];
                records.Add(new PlannedRecord(template.UserId, factory.Make(kind, template, random), null, kind));
            }
            else
            {
                var e = dataset[next++];
                var payload = e.Interaction is { } interaction ? codec.Encode(interaction) : codec.Encode(e.Request!);
                records.Add(new PlannedRecord(e.UserId, payload, e, null));
            }
        }
        return new ChaosWorkload(dataset, records, badRecords);
    }

    /// <summary>The key bytes of a record.</summary>
    public static byte[] Key(PlannedRecord record) => UserKey.Encode(record.UserId);
}

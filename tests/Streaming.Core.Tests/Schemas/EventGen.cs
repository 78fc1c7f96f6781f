using CsCheck;
using Streaming.Core.Events;
using Streaming.Core.Schemas;

namespace Streaming.Core.Tests.Schemas;

/// <summary>CsCheck generators of events that pass every range rule when decoded at <see cref="ReferenceMs"/>.</summary>
internal static class EventGen
{
    /// <summary>The Kafka record timestamp the generated events are decoded against (2023-11-14).</summary>
    public const long ReferenceMs = 1_700_000_000_000L;

    private const long DayMs = 86_400_000L;

    // ASCII mostly, some two- and three-byte UTF-8 characters, and some surrogate pairs (four bytes).
    private static readonly Gen<string> s_piece = Gen.Frequency(
        (6, Gen.Char['a', 'z'].Select(c => c.ToString())),
        (2, Gen.Char['\u0080', '\uD7FF'].Select(c => c.ToString())),
        (1, Gen.Int[0x10000, 0x10FFFF].Select(char.ConvertFromUtf32)));

    public static readonly Gen<string> Id = s_piece.Array[1, 24].Select(string.Concat);

    public static readonly Gen<long> TsMs = Gen.Long[EventCodecOptions.Year2000Ms, ReferenceMs + DayMs];

    public static readonly Gen<Interaction> Interaction = Gen.Select(
        Gen.Select(Id, Gen.Long[0, long.MaxValue], Gen.Long[0, long.MaxValue], Gen.Long[-1, long.MaxValue]),
        Gen.Select(Gen.Int[-1, int.MaxValue], Gen.Int[0, int.MaxValue], TsMs, Gen.Int[0, int.MaxValue]),
        Gen.Int[0, 127],
        Id.Null(),
        Gen.Int[0, int.MaxValue].Nullable(),
        Id.Null(),
        (ids, numbers, flags, requestId, tab, surface) => new Interaction
        {
            EventId = ids.Item1,
            UserId = ids.Item2,
            ItemId = ids.Item3,
            AuthorId = ids.Item4,
            Category = numbers.Item1,
            DurationMs = numbers.Item2,
            TsMs = numbers.Item3,
            PlayTimeMs = numbers.Item4,
            Click = (flags & 1) != 0,
            LongView = (flags & 2) != 0,
            Like = (flags & 4) != 0,
            Follow = (flags & 8) != 0,
            Comment = (flags & 16) != 0,
            Forward = (flags & 32) != 0,
            Hate = (flags & 64) != 0,
            RequestId = requestId,
            Tab = tab,
            Surface = surface,
        });

    public static readonly Gen<Candidate> Candidate = Gen.Select(
        Gen.Long[0, long.MaxValue], Gen.Long[-1, long.MaxValue], Gen.Int[-1, int.MaxValue], Gen.Int[0, int.MaxValue],
        (item, author, category, duration) => new Candidate(item, author, category, duration));

    public static readonly Gen<ScoringRequest> ScoringRequest = Gen.Select(
        Id, Gen.Long[0, long.MaxValue], TsMs, Candidate.List[1, 40], Gen.Int[0, int.MaxValue].Nullable(), Id.Null(),
        (id, user, ts, candidates, treatment, surface) => new ScoringRequest
        {
            RequestId = id,
            UserId = user,
            TsMs = ts,
            Candidates = candidates,
            Treatment = treatment,
            Surface = surface,
        });

    public static readonly Gen<CandidateScore> Score = Gen.Select(
        Gen.Long[0, long.MaxValue], Gen.Float[0f, 1f], Gen.Float[0f, 1f],
        (item, engage, fatigue) => new CandidateScore { ItemId = item, PEngage = engage, Fatigue = fatigue });

    public static readonly Gen<ScoredRequest> ScoredRequest = Gen.Select(
        Gen.Select(Id, Gen.Long[0, long.MaxValue], TsMs),
        Score.List[1, 40],
        Gen.Float[-1f, 1f].List[0, 4],
        Gen.Int[0, int.MaxValue],
        Id.List[0, 3],
        Gen.Select(Gen.Int[0, int.MaxValue], Gen.Long[0, long.MaxValue]),
        (head, scores, uplift, pick, versions, source) => new ScoredRequest
        {
            RequestId = head.Item1,
            UserId = head.Item2,
            TsMs = head.Item3,
            Scores = scores,
            Uplift = uplift,
            ChosenTreatment = uplift.Count == 0 ? 0 : pick % uplift.Count,
            ModelVersions = versions,
            SourcePartition = source.Item1,
            SourceOffset = source.Item2,
        });

    public static readonly Gen<TrainingSample> TrainingSample = Gen.Select(
        Gen.Select(Id, Gen.Long[0, long.MaxValue], TsMs, Gen.Long[-1, long.MaxValue]),
        Id.List[0, 3],
        Id,
        Gen.Float[-1e6f, 1e6f].Array[0, 400],
        Gen.Int[0, int.MaxValue].Nullable(),
        Gen.Select(Gen.Bool.Nullable(), Gen.Int[0, int.MaxValue].Nullable(), Gen.Float[0f, 1f].Nullable(), TsMs.Nullable()),
        (head, versions, layout, features, treatment, labels) => new TrainingSample
        {
            RequestId = head.Item1,
            UserId = head.Item2,
            TsMs = head.Item3,
            ItemId = head.Item4,
            ModelVersions = versions,
            FeatureLayout = layout,
            Features = features,
            Treatment = treatment,
            LabelEngaged = labels.Item1,
            LabelPlayTimeMs = labels.Item2,
            LabelLongPlayRatio = labels.Item3,
            LabelTsMs = labels.Item4,
        });
}

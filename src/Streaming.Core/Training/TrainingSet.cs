namespace Streaming.Core.Training;

/// <summary>
/// Labeled rows of both stages, read only from the sample log (SPEC §7), ordered by scoring time
/// (then user, request, item), with the counts of how they were made.
/// </summary>
public sealed class TrainingSet
{
    private const long DayMs = 86_400_000L;

    /// <summary>Wraps rows already labeled.</summary>
    public TrainingSet(IReadOnlyList<LabeledFatigueRow> fatigue, IReadOnlyList<LabeledUpliftRow> uplift, TrainingSetCounts counts)
    {
        Fatigue = fatigue ?? throw new ArgumentNullException(nameof(fatigue));
        Uplift = uplift ?? throw new ArgumentNullException(nameof(uplift));
        Counts = counts ?? throw new ArgumentNullException(nameof(counts));
    }

    /// <summary>One row per logged candidate whose label window closed.</summary>
    public IReadOnlyList<LabeledFatigueRow> Fatigue { get; }

    /// <summary>One row per logged request whose label window closed and that had plays.</summary>
    public IReadOnlyList<LabeledUpliftRow> Uplift { get; }

    /// <summary>What was read and dropped.</summary>
    public TrainingSetCounts Counts { get; }

    /// <summary>The UTC calendar day of <paramref name="tsMs"/>, as days since 1970-01-01.</summary>
    public static long UtcDay(long tsMs) => Math.DivRem(tsMs, DayMs, out var rest) - (rest < 0 ? 1 : 0);

    /// <summary>The newest UTC day of any row's scoring time; null for an empty set.</summary>
    public long? NewestDay =>
        Fatigue.Count == 0 && Uplift.Count == 0
            ? null
            : Math.Max(
                Fatigue.Count == 0 ? long.MinValue : Fatigue.Max(r => UtcDay(r.TsMs)),
                Uplift.Count == 0 ? long.MinValue : Uplift.Max(r => UtcDay(r.TsMs)));

    /// <summary>
    /// Splits at a UTC day: rows scored before <paramref name="day"/> train, rows scored on it or
    /// later are held out. Counts stay those of the whole set.
    /// </summary>
    public (TrainingSet Train, TrainingSet HoldOut) SplitAtDay(long day) => (
        new TrainingSet(Fatigue.Where(r => UtcDay(r.TsMs) < day).ToList(), Uplift.Where(r => UtcDay(r.TsMs) < day).ToList(), Counts),
        new TrainingSet(Fatigue.Where(r => UtcDay(r.TsMs) >= day).ToList(), Uplift.Where(r => UtcDay(r.TsMs) >= day).ToList(), Counts));

    /// <summary>The trainer's split (SPEC §7): the newest day held out, every earlier day to train on.</summary>
    public (TrainingSet Train, TrainingSet HoldOut) HoldOutNewestDay() => SplitAtDay(NewestDay ?? long.MaxValue);
}

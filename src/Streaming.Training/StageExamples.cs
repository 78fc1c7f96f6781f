using Streaming.Core.Training;

namespace Streaming.Training;

/// <summary>
/// Labelled rows of one stage, column-wise: the flattened served features and what the trainer,
/// the evaluation and the gate need beside them. Built from the logged samples only.
/// </summary>
public sealed class StageExamples
{
    /// <summary>Wraps the columns; every column has <see cref="Count"/> entries (features: Count rows).</summary>
    /// <exception cref="ArgumentException">The columns disagree in length.</exception>
    public StageExamples(string stage, int rowLength, float[] features, float[] labels, long[] userIds, long[] tsMs, long[] itemIds, long[] treatments)
    {
        ArgumentException.ThrowIfNullOrEmpty(stage);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rowLength);
        var count = labels.Length;
        if (features.Length != count * rowLength || userIds.Length != count || tsMs.Length != count || itemIds.Length != count || treatments.Length != count)
        {
            throw new ArgumentException($"Columns of {stage} examples disagree: {count} labels, {features.Length} feature values for rows of {rowLength}, {userIds.Length} users, {tsMs.Length} times, {itemIds.Length} items, {treatments.Length} treatments.");
        }

        Stage = stage;
        RowLength = rowLength;
        Features = features;
        Labels = labels;
        UserIds = userIds;
        TsMs = tsMs;
        ItemIds = itemIds;
        Treatments = treatments;
    }

    /// <summary>The stage the rows were served to.</summary>
    public string Stage { get; }

    /// <summary>Values in one feature row.</summary>
    public int RowLength { get; }

    /// <summary>Rows.</summary>
    public int Count => Labels.Length;

    /// <summary>[Count, RowLength] row-major.</summary>
    public float[] Features { get; }

    /// <summary>Engaged (0/1) for fatigue rows; the long-play ratio for uplift rows.</summary>
    public float[] Labels { get; }

    /// <summary>The user of each row.</summary>
    public long[] UserIds { get; }

    /// <summary>The scoring time of each row, epoch milliseconds.</summary>
    public long[] TsMs { get; }

    /// <summary>The candidate of each row (-1 for per-request rows).</summary>
    public long[] ItemIds { get; }

    /// <summary>The served treatment of each row (0 where not applicable).</summary>
    public long[] Treatments { get; }

    /// <summary>The UTC day (days since the epoch) of row <paramref name="row"/>.</summary>
    public long Day(int row) => TrainingSet.UtcDay(TsMs[row]);

    /// <summary>The newest UTC day among the rows; null when empty.</summary>
    public long? NewestDay => Count == 0 ? null : Enumerable.Range(0, Count).Max(Day);

    /// <summary>The rows for which <paramref name="keep"/> holds, in order.</summary>
    public StageExamples Where(Func<int, bool> keep)
    {
        ArgumentNullException.ThrowIfNull(keep);
        var rows = Enumerable.Range(0, Count).Where(keep).ToArray();
        var features = new float[rows.Length * RowLength];
        for (var i = 0; i < rows.Length; i++)
        {
            Array.Copy(Features, rows[i] * RowLength, features, i * RowLength, RowLength);
        }

        return new StageExamples(
            Stage,
            RowLength,
            features,
            rows.Select(r => Labels[r]).ToArray(),
            rows.Select(r => UserIds[r]).ToArray(),
            rows.Select(r => TsMs[r]).ToArray(),
            rows.Select(r => ItemIds[r]).ToArray(),
            rows.Select(r => Treatments[r]).ToArray());
    }

    /// <summary>
    /// Splits off the newest UTC day as the held-out set (SPEC §7); the rest trains. Null when the
    /// rows do not span two days.
    /// </summary>
    public (StageExamples Train, StageExamples HeldOut)? SplitNewestDay()
    {
        if (NewestDay is not { } newest)
        {
            return null;
        }

        var train = Where(r => Day(r) < newest);
        return train.Count == 0 ? null : (train, Where(r => Day(r) == newest));
    }

    /// <summary>The same rows with the feature columns <paramref name="columns"/> set to zero (ablations).</summary>
    public StageExamples WithZeroed(IEnumerable<Range> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var features = (float[])Features.Clone();
        foreach (var range in columns)
        {
            var (offset, length) = range.GetOffsetAndLength(RowLength);
            for (var r = 0; r < Count; r++)
            {
                Array.Clear(features, (r * RowLength) + offset, length);
            }
        }

        return new StageExamples(Stage, RowLength, features, Labels, UserIds, TsMs, ItemIds, Treatments);
    }
}

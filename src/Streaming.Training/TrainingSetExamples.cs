using Streaming.Core.Features.ModelInputs;
using Streaming.Core.Training;

namespace Streaming.Training;

/// <summary>
/// Turns the joined sample log (<see cref="TrainingSet"/>) into each stage's columns. Rows logged
/// under another contract version, and uplift rows without a logged treatment, cannot train the
/// current models and are left out (and counted).
/// </summary>
public static class TrainingSetExamples
{
    /// <summary>
    /// The fatigue rows of <paramref name="set"/> that follow the current contract; with
    /// <paramref name="exposedOnly"/>, only the candidates the user was shown (SPEC §7 counts the
    /// others as negatives; a feed that shows a few of many candidates mixes its own ranking into
    /// those, while fatigue acts on what was shown).
    /// </summary>
    public static (StageExamples Examples, int LeftOut) Fatigue(TrainingSet set, int rowLength, bool exposedOnly = false)
    {
        ArgumentNullException.ThrowIfNull(set);
        var rows = set.Fatigue.Where(r => r.Layout == FatigueModelInput.Layout && r.Features.Length == rowLength && (r.Exposed || !exposedOnly)).ToList();
        var examples = new StageExamples(
            "fatigue",
            rowLength,
            Flatten(rows.Select(r => r.Features), rows.Count, rowLength),
            rows.Select(r => r.Engaged ? 1f : 0f).ToArray(),
            rows.Select(r => r.UserId).ToArray(),
            rows.Select(r => r.TsMs).ToArray(),
            rows.Select(r => r.ItemId).ToArray(),
            new long[rows.Count]);
        return (examples, set.Fatigue.Count - rows.Count);
    }

    /// <summary>The uplift rows of <paramref name="set"/> that follow the current contract and carry their treatment.</summary>
    public static (StageExamples Examples, int LeftOut) Uplift(TrainingSet set, int rowLength)
    {
        ArgumentNullException.ThrowIfNull(set);
        var rows = set.Uplift.Where(r => r.Layout == UpliftModelInput.Layout && r.Features.Length == rowLength && r.Treatment is >= 0 and <= 2).ToList();
        var examples = new StageExamples(
            "uplift",
            rowLength,
            Flatten(rows.Select(r => r.Features), rows.Count, rowLength),
            rows.Select(r => r.LongPlayRatio).ToArray(),
            rows.Select(r => r.UserId).ToArray(),
            rows.Select(r => r.TsMs).ToArray(),
            rows.Select(_ => -1L).ToArray(),
            rows.Select(r => (long)r.Treatment!.Value).ToArray());
        return (examples, set.Uplift.Count - rows.Count);
    }

    private static float[] Flatten(IEnumerable<float[]> rows, int count, int rowLength)
    {
        var flat = new float[count * rowLength];
        var i = 0;
        foreach (var row in rows)
        {
            row.CopyTo(flat, i * rowLength);
            i++;
        }

        return flat;
    }
}

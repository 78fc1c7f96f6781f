using System.Globalization;
using System.Text;
using Streaming.Core.Datasets;

namespace Streaming.Core.Tests.Datasets;

/// <summary>Shared, once-enumerated synthetic logs for the dataset tests, and an exact event text.</summary>
internal static class SyntheticSample
{
    /// <summary>A small dataset for ordering and determinism checks.</summary>
    public static SyntheticOptions SmallOptions { get; } = new()
    {
        Users = 300,
        Items = 3_000,
        Interactions = 20_000,
        Seed = 7,
    };

    private static readonly Lazy<(SyntheticDataset Dataset, IReadOnlyList<DatasetEvent> Events)> s_default =
        new(() => Enumerate(SyntheticOptions.Default));

    private static readonly Lazy<(SyntheticDataset Dataset, IReadOnlyList<DatasetEvent> Events)> s_small =
        new(() => Enumerate(SmallOptions));

    /// <summary>The default demo dataset (100,000 interactions), enumerated once.</summary>
    public static (SyntheticDataset Dataset, IReadOnlyList<DatasetEvent> Events) Default => s_default.Value;

    /// <summary>The small dataset, enumerated once.</summary>
    public static (SyntheticDataset Dataset, IReadOnlyList<DatasetEvent> Events) Small => s_small.Value;

    public static (SyntheticDataset Dataset, IReadOnlyList<DatasetEvent> Events) Enumerate(SyntheticOptions options)
    {
        var dataset = new SyntheticDataset(options);
        return (dataset, dataset.Events().ToList());
    }

    /// <summary>Every field of the event, candidates included (records print lists by type name only).</summary>
    public static string Describe(DatasetEvent e)
    {
        if (e.Interaction is { } i)
        {
            return i.ToString();
        }

        var r = e.Request!;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"R {r.RequestId} {r.UserId} {r.TsMs} {r.Treatment}");
        foreach (var c in r.Candidates)
        {
            text.Append(' ').Append(c.ToString());
        }

        return text.ToString();
    }

    /// <summary>SPEC §5 duration bucket, 6 for unknown (0) durations; written independently of the source.</summary>
    public static int Bucket(int durationMs)
    {
        if (durationMs == 0)
        {
            return 6;
        }

        double[] edgesS = [7, 15, 30, 60, 180];
        var b = 0;
        while (b < edgesS.Length && durationMs / 1000.0 >= edgesS[b])
        {
            b++;
        }

        return b;
    }
}

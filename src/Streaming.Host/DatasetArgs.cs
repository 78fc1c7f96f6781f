using Streaming.Core.Datasets;

namespace Streaming.Host;

/// <summary>
/// The dataset options shared by every command that loads data:
/// <c>--dataset synthetic</c> (the default, with <c>--interactions</c>, <c>--users</c>,
/// <c>--items</c>, <c>--seed</c>) or <c>--dataset FILE --format kuairand</c>.
/// </summary>
public sealed class DatasetArgs
{
    private DatasetArgs(string name, Func<IEnumerable<DatasetEvent>> open)
    {
        Name = name;
        _open = open;
    }

    private readonly Func<IEnumerable<DatasetEvent>> _open;

    /// <summary>What the dataset is, for summaries.</summary>
    public string Name { get; }

    /// <summary>Enumerates the dataset from its start (a file is re-opened each time).</summary>
    public IEnumerable<DatasetEvent> Events() => _open();

    /// <summary>Reads the dataset options from <paramref name="args"/>.</summary>
    /// <param name="args">The command line.</param>
    /// <param name="defaultInteractions">The synthetic size when <c>--interactions</c> is absent.</param>
    public static DatasetArgs From(CommandLineArgs args, long defaultInteractions = 100_000)
    {
        var dataset = args.String("dataset", "synthetic");
        var format = args.Get("format");
        if (dataset == "synthetic")
        {
            if (format is not null)
            {
                throw new UsageException("--format applies to a dataset file, not to the synthetic dataset.");
            }
            var defaults = SyntheticOptions.Default;
            var options = defaults with
            {
                Interactions = args.Long("interactions", defaultInteractions),
                Users = args.Int("users", defaults.Users),
                Items = args.Int("items", defaults.Items),
                Seed = args.Long("seed", defaults.Seed),
            };
            try
            {
                options.Validate();
            }
            catch (ArgumentOutOfRangeException ex)
            {
                throw new UsageException(ex.Message);
            }
            var synthetic = new SyntheticDataset(options);
            return new DatasetArgs($"synthetic (seed {options.Seed}, {options.Interactions:N0} interactions, {options.Users:N0} users)", synthetic.Events);
        }
        if (format != "kuairand")
        {
            throw new UsageException($"--dataset {dataset} needs --format kuairand (the only file format produce reads).");
        }
        if (!File.Exists(dataset))
        {
            throw new UsageException($"Dataset file '{dataset}' does not exist.");
        }
        return new DatasetArgs($"kuairand ({Path.GetFileName(dataset)})", () => ReadKuaiRand(dataset));
    }

    private static IEnumerable<DatasetEvent> ReadKuaiRand(string path)
    {
        using var reader = new StreamReader(path);
        // A row that does not parse cannot become an event (there is no record to dead-letter):
        // it is reported with its line and skipped, and the load goes on.
        foreach (var e in KuaiRandReader.ReadWithRequests(reader, onMalformedRow: static ex => Console.Error.WriteLine("skipped: " + ex.Message)))
        {
            yield return e;
        }
    }
}

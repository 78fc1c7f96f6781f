using System.Globalization;
using Streaming.Core.Events;

namespace Streaming.Core.Datasets;

/// <summary>
/// A deterministic synthetic short-video log with known ground truth (model and defaults in
/// <c>docs/datasets.md</c>): users with topic and duration tastes play the exposed candidates of
/// scoring requests in sessions, and their engagement falls with the number of same-category
/// items in their recent window, <c>p = base * exp(-lambda * n)</c>.
/// </summary>
/// <remarks>
/// Memory is fixed by the item and user counts (a table of items, a few hundred bytes per user),
/// never by the number of events: <see cref="Events"/> streams them lazily.
/// </remarks>
public sealed class SyntheticDataset
{
    private readonly SyntheticCatalog _catalog;

    /// <summary>Builds the item table for <paramref name="options"/>.</summary>
    /// <param name="options">The knobs; validated here.</param>
    /// <exception cref="ArgumentOutOfRangeException">A knob is out of range.</exception>
    public SyntheticDataset(SyntheticOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        _catalog = SyntheticCatalog.Create(options);
    }

    /// <summary>The knobs this dataset was built with.</summary>
    public SyntheticOptions Options { get; }

    /// <summary>
    /// The events in the order they must be produced to Kafka: globally in non-decreasing
    /// <c>ts_ms</c> (ties by user id), each user strictly in time order, each request before the
    /// interactions it caused (which carry its <c>request_id</c>). Exactly
    /// <see cref="SyntheticOptions.Interactions"/> interactions. Every enumeration starts afresh
    /// and yields the same sequence.
    /// </summary>
    public IEnumerable<DatasetEvent> Events()
    {
        var options = Options;
        var simulator = new SyntheticRequestSimulator(options, _catalog);
        var users = new SyntheticUser[options.Users];
        // Next event time of every active user; ties go to the lower user index.
        var queue = new PriorityQueue<int, (long TsMs, int User)>(options.Users);
        for (var i = 0; i < users.Length; i++)
        {
            users[i] = new SyntheticUser(options, i);
            queue.Enqueue(i, (users[i].NextEventTs, i));
        }

        var produced = 0L;
        while (queue.TryDequeue(out var index, out _))
        {
            var user = users[index];
            if (user.HasPending)
            {
                yield return user.TakePending();
            }
            else if (produced < options.Interactions)
            {
                var request = simulator.Simulate(user, options.Interactions - produced);
                produced += user.PendingRemaining;
                yield return request;
            }

            // A user retires once the target is reached and its last request is played out.
            if (user.HasPending || produced < options.Interactions)
            {
                queue.Enqueue(index, (user.NextEventTs, index));
            }
        }
    }

    /// <summary>
    /// The generator's own item vectors (item id, vector of <see cref="SyntheticOptions.Topics"/>
    /// values), in item order: the world's true similarity, for runs that compute features with a
    /// vector table (SPEC §2) instead of the hash vectors, which know nothing of topics.
    /// </summary>
    public IEnumerable<KeyValuePair<long, float[]>> ItemVectors()
    {
        for (var i = 0; i < _catalog.Count; i++)
        {
            yield return new KeyValuePair<long, float[]>(i + 1L, _catalog.Vector(i).ToArray());
        }
    }

    /// <summary>The item as a request candidate carries it (duration 0 where logged as unknown).</summary>
    /// <param name="itemId">An item id, 1..Items.</param>
    /// <exception cref="ArgumentOutOfRangeException">No such item.</exception>
    public Candidate Item(long itemId)
    {
        var i = ItemIndex(itemId);
        return new Candidate(itemId, _catalog.Author(i), _catalog.Category(i), _catalog.LoggedDurationMs(i));
    }

    /// <summary>
    /// Ground truth: the probability that <paramref name="userId"/> engages (a long view) with
    /// <paramref name="itemId"/> when <paramref name="similarRecent"/> of the user's last
    /// <see cref="SyntheticOptions.RecentWindow"/> interactions had the item's category.
    /// </summary>
    /// <param name="userId">A user id, 1..Users.</param>
    /// <param name="itemId">An item id, 1..Items.</param>
    /// <param name="similarRecent">Same-category items in the recent window, 0..RecentWindow.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public double EngagementProbability(long userId, long itemId, int similarRecent)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(userId, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(userId, Options.Users);
        ArgumentOutOfRangeException.ThrowIfNegative(similarRecent);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(similarRecent, Options.RecentWindow);
        var profile = SyntheticUserProfile.Create(Options, (int)(userId - 1));
        return SyntheticRequestSimulator.EngagementProbability(Options, _catalog, profile, ItemIndex(itemId), similarRecent);
    }

    /// <summary>Copies the item's unit latent vector (length <see cref="SyntheticOptions.Topics"/>).</summary>
    /// <param name="itemId">An item id, 1..Items.</param>
    /// <param name="destination">At least Topics long.</param>
    /// <exception cref="ArgumentOutOfRangeException">No such item.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is too short.</exception>
    public void CopyItemVector(long itemId, Span<float> destination) => _catalog.Vector(ItemIndex(itemId)).CopyTo(destination);

    /// <summary>
    /// Writes every item's latent vector as CSV in the format of the feature dump's
    /// <c>--vectors</c> (SPEC §8): header <c>item_id,v0,…</c>, one item per line, ascending id.
    /// With <see cref="SyntheticOptions.Topics"/> equal to <c>embedding.dim</c> the pipeline then
    /// sees the generator's own vectors.
    /// </summary>
    /// <param name="writer">Where to write; not closed.</param>
    public void WriteItemVectors(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write("item_id");
        for (var k = 0; k < Options.Topics; k++)
        {
            writer.Write(",v");
            writer.Write(k.ToString(CultureInfo.InvariantCulture));
        }

        writer.Write('\n');
        for (var i = 0; i < _catalog.Count; i++)
        {
            writer.Write((i + 1L).ToString(CultureInfo.InvariantCulture));
            foreach (var x in _catalog.Vector(i))
            {
                writer.Write(',');
                writer.Write(x.ToString("R", CultureInfo.InvariantCulture));
            }

            writer.Write('\n');
        }
    }

    private int ItemIndex(long itemId)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(itemId, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(itemId, _catalog.Count);
        return (int)(itemId - 1);
    }
}

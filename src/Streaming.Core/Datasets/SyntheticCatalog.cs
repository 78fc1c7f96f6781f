using Streaming.Core.Features;
using Streaming.Core.Features.Context;
using Streaming.Core.Randomness;

namespace Streaming.Core.Datasets;

/// <summary>
/// The synthetic items as a compact table (about <c>Items * (4 * Topics + 16)</c> bytes), built
/// once from the seed. Item <c>id</c> lives at index <c>id - 1</c>.
/// </summary>
internal sealed class SyntheticCatalog
{
    // Every item's true duration is positive (at least MinDurationS), so its bucket is never "unknown".
    private static readonly DurationBuckets s_buckets = new(FeatureOptions.Default.CdumBucketEdgesS);

    private const ulong ItemStream = 1;

    private readonly int _topics;
    private readonly float[] _vectors;         // Count x Topics, row-major, each row L2-normalised
    private readonly int[] _trueDurationMs;    // what the user experiences
    private readonly bool[] _durationUnknown;  // logged as 0
    private readonly int[] _authors;
    private readonly int[] _categories;
    private readonly int[] _itemsByCategory;   // item indices grouped by category, ascending within a group
    private readonly int[] _categoryStart;     // Topics + 1 offsets into _itemsByCategory

    private SyntheticCatalog(int count, int topics)
    {
        _topics = topics;
        _vectors = new float[count * topics];
        _trueDurationMs = new int[count];
        _durationUnknown = new bool[count];
        _authors = new int[count];
        _categories = new int[count];
        _itemsByCategory = new int[count];
        _categoryStart = new int[topics + 1];
    }

    /// <summary>Number of items.</summary>
    public int Count => _trueDurationMs.Length;

    /// <summary>Builds the table for <paramref name="options"/> (already validated).</summary>
    public static SyntheticCatalog Create(SyntheticOptions options)
    {
        var catalog = new SyntheticCatalog(options.Items, options.Topics);
        var rng = new Xoshiro256StarStar(SplitMix64.Derive((ulong)options.Seed, ItemStream, 0));
        var muLog = Math.Log(options.MedianDurationS * 1000.0);
        var minMs = options.MinDurationS * 1000.0;
        var maxMs = options.MaxDurationS * 1000.0;
        for (var i = 0; i < options.Items; i++)
        {
            catalog.FillVector(i, ref rng);
            var ms = Math.Exp(muLog + (options.DurationSigma * rng.NextGaussian()));
            catalog._trueDurationMs[i] = (int)Math.Round(Math.Clamp(ms, minMs, maxMs));
            catalog._durationUnknown[i] = rng.NextBool(options.UnknownDurationShare);
            catalog._authors[i] = 1 + rng.NextInt(options.Authors);
        }

        catalog.IndexByCategory();
        return catalog;
    }

    /// <summary>Category (argmax topic) of the item at <paramref name="index"/>.</summary>
    public int Category(int index) => _categories[index];

    /// <summary>The duration the user experiences, milliseconds (never 0).</summary>
    public int TrueDurationMs(int index) => _trueDurationMs[index];

    /// <summary>The duration as logged in events: 0 for the items whose duration is unknown.</summary>
    public int LoggedDurationMs(int index) => _durationUnknown[index] ? 0 : _trueDurationMs[index];

    /// <summary>Author id of the item.</summary>
    public int Author(int index) => _authors[index];

    /// <summary>The item's unit latent vector (length Topics).</summary>
    public ReadOnlySpan<float> Vector(int index) => _vectors.AsSpan(index * _topics, _topics);

    /// <summary>A uniformly chosen item index of <paramref name="category"/>, or -1 when it has none.</summary>
    public int SampleInCategory(ref Xoshiro256StarStar rng, int category)
    {
        var start = _categoryStart[category];
        var count = _categoryStart[category + 1] - start;
        return count == 0 ? -1 : _itemsByCategory[start + rng.NextInt(count)];
    }

    /// <summary>
    /// Duration bucket of SPEC §5 by the features' own rule (<see cref="DurationBuckets"/>, default
    /// edges): the generator's duration preferences are in the buckets the pipeline computes.
    /// </summary>
    public static int DurationBucket(int durationMs) => s_buckets.BucketOf(durationMs);

    // One dominant topic (weight 1), a weaker secondary one (weight < 0.5) and a little noise on
    // every dimension: two items of one category then have cosine about 0.85, of two categories
    // about 0, so "same category" and "cosine >= 0.8" nearly coincide.
    private void FillVector(int index, ref Xoshiro256StarStar rng)
    {
        var v = _vectors.AsSpan(index * _topics, _topics);
        var topic = rng.NextInt(_topics);
        var secondary = rng.NextInt(_topics);
        var secondaryWeight = 0.5 * rng.NextDouble();
        for (var k = 0; k < _topics; k++)
        {
            v[k] = (float)(0.05 * rng.NextGaussian());
        }

        v[topic] += 1f;
        if (secondary != topic)
        {
            v[secondary] += (float)secondaryWeight;
        }

        var norm = 0.0;
        var argmax = 0;
        for (var k = 0; k < _topics; k++)
        {
            norm += (double)v[k] * v[k];
            if (v[k] > v[argmax])
            {
                argmax = k;
            }
        }

        var scale = (float)(1.0 / Math.Sqrt(norm));
        for (var k = 0; k < _topics; k++)
        {
            v[k] *= scale;
        }

        _categories[index] = argmax;
    }

    private void IndexByCategory()
    {
        foreach (var c in _categories)
        {
            _categoryStart[c + 1]++;
        }

        for (var k = 0; k < _topics; k++)
        {
            _categoryStart[k + 1] += _categoryStart[k];
        }

        var next = new int[_topics];
        for (var i = 0; i < _categories.Length; i++)
        {
            var c = _categories[i];
            _itemsByCategory[_categoryStart[c] + next[c]++] = i;
        }
    }
}

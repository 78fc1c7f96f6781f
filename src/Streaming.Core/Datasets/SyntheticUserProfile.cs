using Streaming.Core.Randomness;
namespace Streaming.Core.Datasets;

/// <summary>
/// The fixed traits of one synthetic user, a pure function of the seed and the user's index, so
/// ground truth can be recomputed anywhere without replaying events.
/// </summary>
internal sealed class SyntheticUserProfile
{
    private const ulong ProfileStream = 2;

    // Relative frequency of favourite duration buckets 0..5: short videos are the common taste.
    private static readonly double[] s_favouriteBucketWeights = [0.15, 0.25, 0.25, 0.2, 0.1, 0.05];

    private readonly int[] _topics;        // 1..3 distinct favourite topics
    private readonly double[] _unitWeight; // their weights, L2-normalised: the preference vector
    private readonly double[] _cumulative; // cumulative sampling probabilities of the favourites
    private readonly double _durationDecay;

    private SyntheticUserProfile(int[] topics, double[] unitWeight, double[] cumulative, int favouriteBucket, double activity, double durationDecay)
    {
        _topics = topics;
        _unitWeight = unitWeight;
        _cumulative = cumulative;
        FavouriteBucket = favouriteBucket;
        Activity = activity;
        _durationDecay = durationDecay;
    }

    /// <summary>The duration bucket (0..5) the user likes most.</summary>
    public int FavouriteBucket { get; }

    /// <summary>Multiplier of the user's session rate (log-normal, median 1).</summary>
    public double Activity { get; }

    /// <summary>The profile of the user at <paramref name="userIndex"/> (user id minus 1).</summary>
    public static SyntheticUserProfile Create(SyntheticOptions options, int userIndex)
    {
        var rng = new Xoshiro256StarStar(SplitMix64.Derive((ulong)options.Seed, ProfileStream, (ulong)userIndex));
        var count = Math.Min(1 + rng.NextInt(3), options.Topics);
        var topics = new int[count];
        var weights = new double[count];
        for (var i = 0; i < count; i++)
        {
            int topic;
            do
            {
                topic = rng.NextInt(options.Topics);
            }
            while (Array.IndexOf(topics, topic, 0, i) >= 0);
            topics[i] = topic;
            weights[i] = 0.05 + rng.NextExponential(1.0);
        }

        var sum = 0.0;
        var squares = 0.0;
        foreach (var w in weights)
        {
            sum += w;
            squares += w * w;
        }

        var cumulative = new double[count];
        var unit = new double[count];
        var running = 0.0;
        for (var i = 0; i < count; i++)
        {
            running += weights[i] / sum;
            cumulative[i] = running;
            unit[i] = weights[i] / Math.Sqrt(squares);
        }

        cumulative[count - 1] = 1.0;
        var favouriteBucket = SampleBucket(ref rng);
        var activity = Math.Exp(0.7 * rng.NextGaussian());
        return new SyntheticUserProfile(topics, unit, cumulative, favouriteBucket, activity, options.DurationPreferenceDecay);
    }

    /// <summary>A favourite topic, drawn by the user's weights.</summary>
    public int SampleTopic(ref Xoshiro256StarStar rng)
    {
        var u = rng.NextDouble();
        for (var i = 0; i < _cumulative.Length - 1; i++)
        {
            if (u < _cumulative[i])
            {
                return _topics[i];
            }
        }

        return _topics[^1];
    }

    /// <summary>Topic affinity in [0.5, 1]: <c>0.5 + 0.5 * clamp(pref . e(item), 0, 1)</c>.</summary>
    public double Affinity(ReadOnlySpan<float> itemVector)
    {
        var dot = 0.0;
        for (var i = 0; i < _topics.Length; i++)
        {
            dot += _unitWeight[i] * itemVector[_topics[i]];
        }

        return 0.5 + (0.5 * Math.Clamp(dot, 0.0, 1.0));
    }

    /// <summary>Duration preference in (0, 1]: <c>exp(-decay * |bucket - favourite|)</c>.</summary>
    public double DurationPreference(int bucket) => Math.Exp(-_durationDecay * Math.Abs(bucket - FavouriteBucket));

    private static int SampleBucket(ref Xoshiro256StarStar rng)
    {
        var u = rng.NextDouble();
        for (var b = 0; b < s_favouriteBucketWeights.Length - 1; b++)
        {
            u -= s_favouriteBucketWeights[b];
            if (u < 0)
            {
                return b;
            }
        }

        return s_favouriteBucketWeights.Length - 1;
    }
}

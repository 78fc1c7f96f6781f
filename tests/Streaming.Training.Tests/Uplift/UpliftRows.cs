namespace Streaming.Training.Tests.Uplift;

/// <summary>
/// Flattened uplift rows (context [105], context_mask [105], request_shares [7]) with values in the
/// ranges the feature engine produces (SPEC §5): shares and rates in [0, 1], ln counts and seconds
/// up to ~8, undefined features 0 with their mask 0.
/// </summary>
internal static class UpliftRows
{
    public const int Context = 105;
    public const int RowLength = Context + Context + 7;
    private const int Buckets = 6;

    /// <summary>Index in a row of bucket <paramref name="bucket"/>'s share over the recent plays.</summary>
    public static int RecentShare(int bucket) => (bucket * 7) + 1;

    public static float[] Realistic(int rows, int seed)
    {
        var random = new Random(seed);
        var data = new float[rows * RowLength];
        for (var r = 0; r < rows; r++)
        {
            Fill(data.AsSpan(r * RowLength, RowLength), random);
        }

        return data;
    }

    private static void Fill(Span<float> row, Random random)
    {
        var context = row[..Context];
        var mask = row.Slice(Context, Context);
        var shares = row.Slice(2 * Context, 7);

        // Two windows (recent plays, last 30 minutes) of 6 buckets × 7 values.
        for (var window = 0; window < 2; window++)
        {
            var bucketShares = Dirichlet(random, Buckets);
            for (var b = 0; b < Buckets; b++)
            {
                var defined = random.NextDouble() < 0.75;
                var at = (window * 42) + (b * 7);
                for (var k = 0; k < 7; k++)
                {
                    var value = k switch
                    {
                        0 => random.NextDouble() * 4, // ln plays
                        1 => bucketShares[b],
                        2 => random.NextDouble() * 8, // ln watch seconds
                        _ => random.NextDouble(),     // completion and rates
                    };
                    Set(context, mask, at + k, value, defined);
                }
            }
        }

        var sessionDefined = random.NextDouble() < 0.9;
        for (var k = 0; k < 3; k++)
        {
            Set(context, mask, 84 + k, random.NextDouble() * 7, sessionDefined);
        }

        for (var b = 0; b < Buckets; b++)
        {
            var defined = random.NextDouble() < 0.8;
            Set(context, mask, 87 + (b * 3), random.NextDouble() * 7, defined);
            Set(context, mask, 87 + (b * 3) + 1, random.NextDouble(), defined);
            Set(context, mask, 87 + (b * 3) + 2, random.NextDouble(), defined);
        }

        var requestShares = Dirichlet(random, Buckets);
        for (var b = 0; b < Buckets; b++)
        {
            shares[b] = (float)requestShares[b];
        }

        shares[6] = (float)(2 + (random.NextDouble() * 3)); // ln mean duration (7 s .. 150 s)
    }

    private static void Set(Span<float> context, Span<float> mask, int index, double value, bool defined)
    {
        context[index] = defined ? (float)value : 0f;
        mask[index] = defined ? 1f : 0f;
    }

    private static double[] Dirichlet(Random random, int count)
    {
        var draws = Enumerable.Range(0, count).Select(_ => -Math.Log(1 - random.NextDouble())).ToArray();
        var sum = draws.Sum();
        return draws.Select(d => d / sum).ToArray();
    }
}

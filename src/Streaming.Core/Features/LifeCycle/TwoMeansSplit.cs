namespace Streaming.Core.Features.LifeCycle;

/// <summary>
/// The split of a full cluster (SPEC §4): 2-means over the members plus the new item, with the
/// SPEC's exact seeding and tie rules, falling back to halves in order when a part comes out empty.
/// Arithmetic is float64; ties use <see cref="CosineTies"/>.
/// </summary>
internal static class TwoMeansSplit
{
    /// <summary>The SPEC's bound on assignment rounds.</summary>
    public const int MaxRounds = 10;

    /// <summary>
    /// Partitions <paramref name="count"/> vectors (row-major in <paramref name="vectors"/>) into
    /// part one (<paramref name="partTwo"/>[i] == 0: the first seed's side, or the first half) and
    /// part two (1). Returns true when the 2-means result was used, false when it fell back to halves.
    /// </summary>
    /// <remarks>
    /// Seeds: the pair i &lt; j with the lowest cosine; the first pair in (i, j) order among those
    /// within the tolerance of that minimum. Assignment: an item goes to the second centroid only
    /// when its cosine there exceeds its cosine to the first by more than the tolerance. Round 1
    /// assigns against the seeds; every later round against the means of the previous assignment;
    /// it stops after <see cref="MaxRounds"/> rounds or when a round moves no item. A part that is
    /// empty after any round (for example all items identical: every cosine ties, so all go to the
    /// first seed) makes the result the halves in order, first ceil(n/2) items in part one; that is
    /// what keeps repeated identical items terminating and within gamma.
    /// </remarks>
    public static bool Partition(ReadOnlySpan<float> vectors, int count, int dim, Span<byte> partTwo)
    {
        if (count < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(count), "A split needs at least two items.");
        }
        var partTwoOut = partTwo[..count];

        // Seeds: the minimum over all pairs, then the first pair (in i, j order) within tolerance of it.
        var pairCount = count * (count - 1) / 2;
        Span<double> pairs = pairCount <= 512 ? stackalloc double[pairCount] : new double[pairCount];
        var min = double.PositiveInfinity;
        var k = 0;
        for (var i = 0; i < count; i++)
        {
            for (var j = i + 1; j < count; j++, k++)
            {
                pairs[k] = CosineTies.Of(Row(vectors, i, dim), Row(vectors, j, dim));
                min = Math.Min(min, pairs[k]);
            }
        }
        int seedOne = -1, seedTwo = -1;
        k = 0;
        for (var i = 0; i < count && seedOne < 0; i++)
        {
            for (var j = i + 1; j < count; j++, k++)
            {
                if (pairs[k] <= min + CosineTies.Tolerance)
                {
                    seedOne = i;
                    seedTwo = j;
                    break;
                }
            }
        }

        Span<double> centroids = dim <= 256 ? stackalloc double[2 * dim] : new double[2 * dim];
        var one = centroids[..dim];
        var two = centroids[dim..];
        Copy(Row(vectors, seedOne, dim), one);
        Copy(Row(vectors, seedTwo, dim), two);

        for (var round = 1; round <= MaxRounds; round++)
        {
            var moved = false;
            var sizeTwo = 0;
            for (var i = 0; i < count; i++)
            {
                var row = Row(vectors, i, dim);
                byte side = CosineTies.Of(row, two) > CosineTies.Of(row, one) + CosineTies.Tolerance ? (byte)1 : (byte)0;
                // Round 1 starts from "unassigned", so it always counts as moving.
                moved |= round == 1 || side != partTwoOut[i];
                partTwoOut[i] = side;
                sizeTwo += side;
            }
            if (sizeTwo == 0 || sizeTwo == count)
            {
                Halves(partTwoOut);
                return false;
            }
            if (!moved || round == MaxRounds)
            {
                break;
            }
            Means(vectors, dim, partTwoOut, one, two);
        }
        return true;
    }

    /// <summary>Part one is the first ceil(n/2) items, part two the rest.</summary>
    public static void Halves(Span<byte> partTwo)
    {
        var firstHalf = (partTwo.Length + 1) / 2;
        partTwo[..firstHalf].Fill(0);
        partTwo[firstHalf..].Fill(1);
    }

    private static void Means(ReadOnlySpan<float> vectors, int dim, ReadOnlySpan<byte> partTwo, Span<double> one, Span<double> two)
    {
        one.Clear();
        two.Clear();
        int countOne = 0, countTwo = 0;
        for (var i = 0; i < partTwo.Length; i++)
        {
            var target = partTwo[i] == 0 ? one : two;
            var row = Row(vectors, i, dim);
            for (var j = 0; j < dim; j++)
            {
                target[j] += row[j];
            }
            if (partTwo[i] == 0)
            {
                countOne++;
            }
            else
            {
                countTwo++;
            }
        }
        for (var j = 0; j < dim; j++)
        {
            one[j] /= countOne;
            two[j] /= countTwo;
        }
    }

    private static ReadOnlySpan<float> Row(ReadOnlySpan<float> vectors, int i, int dim) => vectors.Slice(i * dim, dim);

    private static void Copy(ReadOnlySpan<float> source, Span<double> destination)
    {
        for (var j = 0; j < source.Length; j++)
        {
            destination[j] = source[j];
        }
    }
}

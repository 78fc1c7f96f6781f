using Streaming.Core.Features.Vectors;
using Streaming.Inference.Contracts;
using static TorchSharp.torch;

namespace Streaming.Training.Tests.Fatigue;

/// <summary>
/// Flattened <c>fatigue</c> rows shaped like the pipeline's: unit vectors, the missing recent
/// positions the oldest ones, masks 0/1 consistent with the history length and the seeded
/// interests, undefined values 0, counts as ln(1+n), times as ln(max(x, 0.5)).
/// </summary>
internal static class FatigueRows
{
    public const int D = 32, T = 6, K = 6, Windows = 3;

    public static readonly FeatureLayout Layout = FeatureLayout.Of(StageContracts.Fatigue);

    /// <summary>One row's writable views.</summary>
    public ref struct Row
    {
        public Span<float> ItemVector, RecentVectors, RecentMask, M, MMask, Sim, Counts, Time, TimeMask, Cluster;
    }

    public static Row View(float[] rows, int r)
    {
        var start = r * Layout.RowLength;
        Span<float> Of(string name) => rows.AsSpan(start + Layout[name].Offset, Layout[name].Length);
        return new Row
        {
            ItemVector = Of("item_vector"),
            RecentVectors = Of("recent_vectors"),
            RecentMask = Of("recent_mask"),
            M = Of("fatigue_m"),
            MMask = Of("fatigue_m_mask"),
            Sim = Of("sim"),
            Counts = Of("counts"),
            Time = Of("time_features"),
            TimeMask = Of("time_mask"),
            Cluster = Of("cluster_summary"),
        };
    }

    /// <summary>
    /// <paramref name="count"/> rows; the candidate of row r is <paramref name="items"/>[r] with its
    /// hash vector when given, else a random unit vector. About one row in six has no history, unless
    /// <paramref name="everyRowHasHistory"/>.
    /// <paramref name="closeness"/> [r] in [0, 2] pulls the recent items towards the candidate.
    /// </summary>
    public static float[] Random(int count, int seed, long[]? items = null, float[]? closeness = null, int[]? sameItem = null, bool everyRowHasHistory = false)
    {
        var random = new Random(seed);
        var hash = new HashItemVectors(D);
        var rows = new float[count * Layout.RowLength];
        var recent = new float[D];
        for (var r = 0; r < count; r++)
        {
            var row = View(rows, r);
            if (items is null)
            {
                UnitVector(random, row.ItemVector, null, 0);
            }
            else
            {
                hash.CopyVector(items[r], row.ItemVector);
            }

            var history = !everyRowHasHistory && random.Next(6) == 0 ? 0 : random.Next(1, T + 1);
            var interests = Math.Min(history, random.Next(1, K + 1));
            var pull = closeness?[r] ?? (float)random.NextDouble();
            for (var t = T - history; t < T; t++)
            {
                row.RecentMask[t] = 1;
                UnitVector(random, recent, row.ItemVector, pull);
                recent.CopyTo(row.RecentVectors.Slice(t * D, D));
                row.Sim[t] = Dot(recent, row.ItemVector);
                for (var k = 0; k < interests; k++)
                {
                    row.MMask[(t * K) + k] = 1;
                    row.M[(t * K) + k] = (float)(1 / (1 + Math.Abs(random.NextDouble() * 1.5)));
                }
            }

            if (history > 0)
            {
                var same = sameItem?[r] ?? random.Next(4);
                for (var w = 0; w < Windows; w++)
                {
                    var all = random.Next(1, 40) * (w + 1);
                    row.Counts[w] = (float)Math.Log(1 + all);
                    row.Counts[Windows + w] = (float)Math.Log(1 + (same * (w + 1)));
                    row.Counts[(2 * Windows) + w] = (float)Math.Log(1 + random.Next(all + 1));
                    row.Counts[(3 * Windows) + w] = (float)Math.Log(1 + random.Next(all + 1));
                }

                for (var i = 0; i < T - 1; i++)
                {
                    // Gap i lies between R_i and R_{i+1}: defined when both exist.
                    if (row.RecentMask[i] == 1)
                    {
                        row.Time[i] = (float)Math.Log(Math.Max(-Math.Log(1 - random.NextDouble()) * 60, 0.5));
                        row.TimeMask[i] = 1;
                    }
                }

                row.Time[T - 1] = (float)Math.Log(Math.Max(random.NextDouble() * 3600, 0.5));
                row.Time[T] = (float)Math.Log(Math.Max(random.NextDouble() * 200, 0.5));
                row.TimeMask[T - 1] = 1;
                row.TimeMask[T] = 1;
                row.Cluster[0] = (float)random.NextDouble();
                row.Cluster[1] = (float)((random.NextDouble() * 2) - 1);
                row.Cluster[2] = Math.Max(row.Cluster[1], (float)random.NextDouble());
                row.Cluster[3] = (float)random.NextDouble();
                row.Cluster[4] = (float)Math.Log(1 + random.Next(1, 5000));
                row.Cluster[5] = (float)Math.Log(1 + random.Next(1, 100));
            }
        }

        return rows;
    }

    /// <summary>The maximum of sim over the existing recent positions, or 0 without history.</summary>
    public static float MaxSim(float[] rows, int r)
    {
        var row = View(rows, r);
        var max = float.NegativeInfinity;
        for (var t = 0; t < T; t++)
        {
            if (row.RecentMask[t] == 1)
            {
                max = Math.Max(max, row.Sim[t]);
            }
        }

        return float.IsNegativeInfinity(max) ? 0 : max;
    }

    public static Tensor Features(float[] rows) => tensor(rows, [rows.Length / Layout.RowLength, Layout.RowLength]);

    // normalise(pull · toward + gaussian noise / √d), or a plain random direction without toward.
    private static void UnitVector(Random random, Span<float> destination, ReadOnlySpan<float> toward, float pull)
    {
        var norm = 0.0;
        for (var j = 0; j < destination.Length; j++)
        {
            var gaussian = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            var v = (gaussian / Math.Sqrt(destination.Length)) + (toward.IsEmpty ? 0 : pull * toward[j]);
            destination[j] = (float)v;
            norm += v * v;
        }

        var scale = 1 / Math.Sqrt(norm);
        for (var j = 0; j < destination.Length; j++)
        {
            destination[j] = (float)(destination[j] * scale);
        }
    }

    private static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var sum = 0f;
        for (var j = 0; j < a.Length; j++)
        {
            sum += a[j] * b[j];
        }

        return sum;
    }
}

using Streaming.Core.Features.Vectors;

namespace Streaming.Core.Tests.Features.Vectors;

public sealed class HashItemVectorsTests
{
    [Fact]
    public void SplitMix64_gives_the_reference_sequence_of_seed_zero()
    {
        // The standard SplitMix64 generator seeded with 0 returns these; its n-th output is the
        // finaliser of n * gamma.
        Assert.Equal(0xE220A8397B1DCDAFUL, HashItemVectors.SplitMix64(0));
        Assert.Equal(0x6E789E6AA1B965F4UL, HashItemVectors.SplitMix64(0x9E3779B97F4A7C15UL));
        Assert.Equal(0x06C45D188009454FUL, HashItemVectors.SplitMix64(unchecked(2 * 0x9E3779B97F4A7C15UL)));
    }

    [Fact]
    public void Hash_vector_of_item_7_has_the_values_computed_outside_dotnet()
    {
        // Computed with Python's arbitrary-precision integers and float64, rounded to float32.
        var v = new float[32];
        new HashItemVectors(32).CopyVector(7, v);
        Assert.Equal(-0.2601660490036011f, v[0]);
        Assert.Equal(0.04138911888003349f, v[1]);
        Assert.Equal(0.07981400936841965f, v[2]);
        Assert.Equal(-0.04251036420464516f, v[3]);
    }

    [Theory]
    [InlineData(0L, 32)]
    [InlineData(1L, 32)]
    [InlineData(123_456_789L, 32)]
    [InlineData(-5L, 32)]
    [InlineData(long.MaxValue, 32)]
    [InlineData(42L, 7)]
    public void Hash_vector_equals_an_independent_computation_of_the_spec_formula(long itemId, int dimension)
    {
        var expected = Independent(itemId, dimension);
        var actual = new float[dimension];
        new HashItemVectors(dimension).CopyVector(itemId, actual);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Hash_vectors_have_unit_norm()
    {
        var vectors = new HashItemVectors(32);
        var v = new float[32];
        for (long item = -50; item < 500; item++)
        {
            vectors.CopyVector(item, v);
            var norm = Math.Sqrt(v.Sum(x => (double)x * x));
            Assert.InRange(norm, 1 - 1e-6, 1 + 1e-6);
        }
    }

    [Fact]
    public void Destination_of_the_wrong_length_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => new HashItemVectors(32).CopyVector(1, new float[31]));
    }

    // SplitMix64 written from its definition with BigInteger-free unsigned arithmetic, and the
    // vector from SPEC §2 in double.
    private static float[] Independent(long itemId, int d)
    {
        static ulong Mix(ulong z)
        {
            unchecked
            {
                z += 11400714819323198485UL;
                z ^= z >> 30;
                z *= 13787848793156543929UL;
                z ^= z >> 27;
                z *= 10723151780598845931UL;
                return z ^ (z >> 31);
            }
        }

        var u = new double[d];
        for (var j = 0; j < d; j++)
        {
            var x = Mix(unchecked(((ulong)itemId * (ulong)d) + (ulong)j));
            u[j] = (x >> 11) * Math.Pow(2, -53) * 2 - 1;
        }
        var norm = Math.Sqrt(u.Sum(x => x * x));
        return u.Select(x => (float)(x / norm)).ToArray();
    }
}

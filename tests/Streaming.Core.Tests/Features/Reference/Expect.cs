using Xunit.Sdk;

namespace Streaming.Core.Tests.Features.Reference;

/// <summary>Comparisons where NaN (undefined) must match NaN.</summary>
internal static class Expect
{
    public static void Close(double expected, double actual, double tolerance, string what)
    {
        if (double.IsNaN(expected) || double.IsNaN(actual))
        {
            if (double.IsNaN(expected) != double.IsNaN(actual))
            {
                throw new XunitException($"{what}: expected {expected}, got {actual}.");
            }
            return;
        }
        if (Math.Abs(expected - actual) > tolerance * Math.Max(1.0, Math.Abs(expected)))
        {
            throw new XunitException($"{what}: expected {expected:R}, got {actual:R}.");
        }
    }

    public static void Close(ReadOnlySpan<double> expected, ReadOnlySpan<float> actual, double tolerance, string what)
    {
        Equal(expected.Length, actual.Length, what + " length");
        for (var i = 0; i < expected.Length; i++)
        {
            Close(expected[i], actual[i], tolerance, $"{what}[{i}]");
        }
    }

    public static void Close(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, double tolerance, string what)
    {
        Equal(expected.Length, actual.Length, what + " length");
        for (var i = 0; i < expected.Length; i++)
        {
            Close(expected[i], actual[i], tolerance, $"{what}[{i}]");
        }
    }

    public static void Counts(ReadOnlySpan<int> expected, ReadOnlySpan<int> actual, string what)
    {
        if (!expected.SequenceEqual(actual))
        {
            throw new XunitException($"{what}: expected [{string.Join(", ", expected.ToArray())}], got [{string.Join(", ", actual.ToArray())}].");
        }
    }

    public static void Equal<T>(T expected, T actual, string what)
    {
        if (!EqualityComparer<T>.Default.Equals(expected, actual))
        {
            throw new XunitException($"{what}: expected {expected}, got {actual}.");
        }
    }
}

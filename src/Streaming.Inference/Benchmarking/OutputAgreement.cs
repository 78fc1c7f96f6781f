namespace Streaming.Inference.Benchmarking;

/// <summary>How closely one provider's outputs follow a reference provider's on the same inputs.</summary>
/// <param name="Values">Output values compared.</param>
/// <param name="RelativeNormError">‖candidate − reference‖₂ / ‖reference‖₂.</param>
/// <param name="MaxRelativeError">
/// The largest |candidate − reference| / max(|reference|, <see cref="RelativeFloor"/>) of any value.
/// </param>
/// <param name="MaxAbsoluteError">The largest |candidate − reference| of any value.</param>
public sealed record OutputAgreement(long Values, double RelativeNormError, double MaxRelativeError, double MaxAbsoluteError)
{
    /// <summary>
    /// The smallest magnitude a value's error is taken relative to, so an output that should be
    /// exactly 0 is judged by its absolute error instead of dividing by zero.
    /// </summary>
    public const double RelativeFloor = 1e-6;

    /// <summary>Perfect agreement over no values, the identity of <see cref="Worst"/>.</summary>
    public static OutputAgreement None { get; } = new(0, 0, 0, 0);

    /// <summary>
    /// Compares <paramref name="candidate"/> with <paramref name="reference"/> value by value.
    /// A NaN or infinity in either that the other does not have exactly is an infinite error, never a pass.
    /// </summary>
    public static OutputAgreement Compare(ReadOnlySpan<float> reference, ReadOnlySpan<float> candidate)
    {
        if (reference.Length != candidate.Length)
        {
            throw new ArgumentException($"The candidate has {candidate.Length} values, the reference {reference.Length}.", nameof(candidate));
        }

        double squaredDifference = 0, squaredReference = 0, maxRelative = 0, maxAbsolute = 0;
        for (var i = 0; i < reference.Length; i++)
        {
            double r = reference[i], c = candidate[i];
            var difference = Math.Abs(c - r);
            if (double.IsNaN(difference) || double.IsInfinity(difference))
            {
                // Equal infinities subtract to NaN; they agree. Anything else non-finite does not.
                difference = r.Equals(c) ? 0 : double.PositiveInfinity;
            }

            squaredDifference += difference * difference;
            squaredReference += double.IsFinite(r) ? r * r : 0;
            maxAbsolute = Math.Max(maxAbsolute, difference);
            maxRelative = Math.Max(maxRelative, difference / Math.Max(Math.Abs(r), RelativeFloor));
        }

        var relativeNorm = squaredDifference == 0 ? 0 : Math.Sqrt(squaredDifference / Math.Max(squaredReference, RelativeFloor * RelativeFloor));
        return new OutputAgreement(reference.Length, relativeNorm, maxRelative, maxAbsolute);
    }

    /// <summary>True when both relative errors are at most <paramref name="tolerance"/>.</summary>
    public bool Within(double tolerance) => RelativeNormError <= tolerance && MaxRelativeError <= tolerance;

    /// <summary>The worse of two agreements in every error, and the values of both.</summary>
    public OutputAgreement Worst(OutputAgreement other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new OutputAgreement(
            Values + other.Values,
            Math.Max(RelativeNormError, other.RelativeNormError),
            Math.Max(MaxRelativeError, other.MaxRelativeError),
            Math.Max(MaxAbsoluteError, other.MaxAbsoluteError));
    }
}

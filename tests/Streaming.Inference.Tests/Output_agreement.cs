using Streaming.Inference.Benchmarking;
using Xunit;

namespace Streaming.Inference.Tests;

public sealed class Output_agreement
{
    [Fact]
    public void Identical_outputs_agree_exactly()
    {
        float[] values = [0.25f, 0.5f, 0.75f, 1e-3f];

        var agreement = OutputAgreement.Compare(values, values);

        Assert.Equal(new OutputAgreement(4, 0, 0, 0), agreement);
        Assert.True(agreement.Within(1e-12));
    }

    [Fact]
    public void Errors_are_the_norm_ratio_and_the_largest_elementwise_errors()
    {
        float[] reference = [3f, 4f, -2f];
        float[] candidate = [3f, 4.0004f, -2.0001f];
        // Brute force in double over the float values actually stored.
        var d1 = (double)candidate[1] - reference[1];
        var d2 = (double)candidate[2] - reference[2];
        var norm = Math.Sqrt((d1 * d1) + (d2 * d2)) / Math.Sqrt(9.0 + 16.0 + 4.0);

        var agreement = OutputAgreement.Compare(reference, candidate);

        Assert.Equal(3, agreement.Values);
        Assert.Equal(norm, agreement.RelativeNormError, 12);
        Assert.Equal(Math.Max(Math.Abs(d1) / 4, Math.Abs(d2) / 2), agreement.MaxRelativeError, 12);
        Assert.Equal(Math.Max(Math.Abs(d1), Math.Abs(d2)), agreement.MaxAbsoluteError, 12);
        Assert.True(agreement.Within(2e-4));
        Assert.False(agreement.Within(5e-5));
    }

    [Fact]
    public void A_value_that_should_be_zero_is_judged_against_the_floor()
    {
        var agreement = OutputAgreement.Compare([0f, 1f], [1e-9f, 1f]);

        Assert.Equal(1e-9 / OutputAgreement.RelativeFloor, agreement.MaxRelativeError, 6);
        Assert.False(agreement.Within(1e-4));
    }

    [Fact]
    public void A_NaN_is_an_infinite_error_never_a_pass()
    {
        var agreement = OutputAgreement.Compare([0.5f, 0.5f], [0.5f, float.NaN]);

        Assert.Equal(double.PositiveInfinity, agreement.MaxAbsoluteError);
        Assert.Equal(double.PositiveInfinity, agreement.RelativeNormError);
        Assert.False(agreement.Within(1));
    }

    [Fact]
    public void Equal_infinities_agree()
    {
        var agreement = OutputAgreement.Compare([float.PositiveInfinity, 1f], [float.PositiveInfinity, 1f]);

        Assert.Equal(0, agreement.MaxAbsoluteError);
    }

    [Fact]
    public void Outputs_of_different_lengths_cannot_be_compared() =>
        Assert.Throws<ArgumentException>(() => OutputAgreement.Compare([1f, 2f], [1f]));

    [Fact]
    public void The_worst_of_two_takes_each_error_from_whichever_is_larger()
    {
        var worst = new OutputAgreement(10, 1e-6, 5e-5, 1e-7).Worst(new OutputAgreement(5, 2e-6, 1e-5, 3e-7));

        Assert.Equal(new OutputAgreement(15, 2e-6, 5e-5, 3e-7), worst);
    }
}

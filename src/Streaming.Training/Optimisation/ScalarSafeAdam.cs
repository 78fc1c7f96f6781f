using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Streaming.Training.Optimisation;

/// <summary>
/// Adam (Kingma and Ba; PyTorch's update without weight decay or AMSGrad) whose every Scalar stays
/// reachable during the native call that reads it. TorchSharp 0.107's own optimisers pass
/// temporary Scalars (<c>add_(eps)</c> and its implicit alpha of 1) to libtorch without keeping
/// them alive: a GC that another thread triggers during the call lets the finalizer free the
/// Scalar under libtorch, which then fails ("Expected false to be true" from <c>Scalar::toFloat</c>)
/// or reads garbage. In a process where other threads allocate (the pipeline, a test runner) that
/// happens within seconds of training.
/// </summary>
public sealed class ScalarSafeAdam : IDisposable
{
    private readonly Parameter[] _parameters;
    private readonly Tensor[] _firstMoments;
    private readonly Tensor[] _secondMoments;
    private readonly double _learningRate;
    private readonly double _beta1;
    private readonly double _beta2;
    private readonly Scalar _one;
    private readonly Scalar _beta1Scalar;
    private readonly Scalar _oneMinusBeta1;
    private readonly Scalar _beta2Scalar;
    private readonly Scalar _oneMinusBeta2;
    private readonly Scalar _epsilon;
    private long _steps;

    /// <summary>An optimiser over <paramref name="parameters"/>, with PyTorch's defaults.</summary>
    public ScalarSafeAdam(IEnumerable<Parameter> parameters, double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(learningRate);
        if (beta1 is < 0 or >= 1 || beta2 is < 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(beta1), "Both betas must lie in [0, 1).");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(epsilon);
        _parameters = parameters.ToArray();
        _learningRate = learningRate;
        _beta1 = beta1;
        _beta2 = beta2;
        _one = 1.0.ToScalar();
        _beta1Scalar = beta1.ToScalar();
        _oneMinusBeta1 = (1 - beta1).ToScalar();
        _beta2Scalar = beta2.ToScalar();
        _oneMinusBeta2 = (1 - beta2).ToScalar();
        _epsilon = epsilon.ToScalar();

        // The moments outlive every step's dispose scope, including one the caller has open now.
        _firstMoments = _parameters.Select(p => zeros_like(p).DetachFromDisposeScope()).ToArray();
        _secondMoments = _parameters.Select(p => zeros_like(p).DetachFromDisposeScope()).ToArray();
    }

    /// <summary>Steps taken so far.</summary>
    public long Steps => _steps;

    /// <summary>Clears every parameter's gradient.</summary>
    public void ZeroGrad()
    {
        using var scope = NewDisposeScope();
        foreach (var parameter in _parameters)
        {
            parameter.grad?.zero_();
        }
    }

    /// <summary>Moves every parameter that has a gradient by one Adam update.</summary>
    public void Step()
    {
        _steps++;
        var biasCorrection1 = 1 - Math.Pow(_beta1, _steps);
        var biasCorrection2 = 1 - Math.Pow(_beta2, _steps);

        // `using` keeps the per-step Scalars reachable until every native call below has returned.
        using var negativeStepSize = (-_learningRate / biasCorrection1).ToScalar();
        using var rootBiasCorrection2 = Math.Sqrt(biasCorrection2).ToScalar();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        for (var i = 0; i < _parameters.Length; i++)
        {
            var grad = _parameters[i].grad;
            if (grad is null)
            {
                continue;
            }

            _firstMoments[i].mul_(_beta1Scalar).add_(grad, _oneMinusBeta1);
            _secondMoments[i].mul_(_beta2Scalar).addcmul_(grad, grad, _oneMinusBeta2);
            var denominator = _secondMoments[i].sqrt().div_(rootBiasCorrection2).add_(_epsilon, _one);
            _parameters[i].addcdiv_(_firstMoments[i], denominator, negativeStepSize);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var moment in _firstMoments.Concat(_secondMoments))
        {
            moment.Dispose();
        }

        foreach (var scalar in new[] { _one, _beta1Scalar, _oneMinusBeta1, _beta2Scalar, _oneMinusBeta2, _epsilon })
        {
            scalar.Dispose();
        }
    }
}

using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Streaming.Training.Models.Uplift;

/// <summary>
/// The <c>uplift</c> network, flattened contract rows in, one logit per treatment out:
/// <code>
/// x      = [context·mask, mask, request_shares]                       [N, 217]
/// x'     = x ⊙ 2·sigmoid(x·A·B)                 (feature gate, HoME)  [N, 217]
/// e_k    = Swish(γ_k ⊙ LayerNorm(W_k·x') + β_k) (normalised experts)  [N, E, H]
/// w_t    = softmax(G_t·x)                       (one gate per treatment, over the experts)
/// z_t    = tower_t(Σ_k w_t,k · e_k)             (Linear, Swish, Linear)
/// </code>
/// The experts share one Linear (its rows grouped per expert) and a LayerNorm without affine,
/// followed by a per-expert scale and shift, so that one matrix product serves every expert.
/// <see cref="UpliftOnnxExport"/> writes the same computation, operator for operator.
/// </summary>
internal sealed class UpliftNetwork : nn.Module<Tensor, Tensor>
{
    /// <summary>Epsilon of the experts' layer normalisation, the same on both sides of the export.</summary>
    internal const double LayerNormEpsilon = 1e-5;

#pragma warning disable IDE0044 // RegisterComponents finds modules and parameters through these fields.
    private Linear? _featureGateDown;
    private Linear? _featureGateUp;
    private Linear _experts;
    private Parameter _expertScale;
    private Parameter _expertShift;
    private Linear _gates;
    private ModuleList<Linear> _towerHidden;
    private ModuleList<Linear> _towerOut;
#pragma warning restore IDE0044

    // Scalars the forward pass passes to libtorch, held for the network's life: TorchSharp 0.107
    // does not keep a temporary Scalar (the implicit alpha of `a + b`, the 2 of `2 * t`) alive
    // during its native call, so a GC on another thread can free it under libtorch.
    private readonly Scalar _one;
    private readonly Scalar _two;

    private readonly FeatureSlice _context;
    private readonly FeatureSlice _contextMask;
    private readonly FeatureSlice _requestShares;

    internal UpliftNetwork(FeatureLayout layout, UpliftModelOptions options, int treatments)
        : base("uplift")
    {
        Options = options;
        Treatments = treatments;
        _context = layout["context"];
        _contextMask = layout["context_mask"];
        _requestShares = layout["request_shares"];
        if (_context.Length != _contextMask.Length)
        {
            throw new ArgumentException($"context ({_context.Length}) and context_mask ({_contextMask.Length}) differ in length.", nameof(layout));
        }

        _one = 1.0.ToScalar();
        _two = 2.0.ToScalar();
        InputWidth = _context.Length + _contextMask.Length + _requestShares.Length;
        if (options.FeatureGateRank > 0)
        {
            _featureGateDown = nn.Linear(InputWidth, options.FeatureGateRank);
            _featureGateUp = nn.Linear(options.FeatureGateRank, InputWidth);
        }

        _experts = nn.Linear(InputWidth, options.Experts * options.ExpertWidth);
        _expertScale = nn.Parameter(ones(options.Experts, options.ExpertWidth));
        _expertShift = nn.Parameter(zeros(options.Experts, options.ExpertWidth));
        _gates = nn.Linear(InputWidth, treatments * options.Experts);
        _towerHidden = nn.ModuleList(Enumerable.Range(0, treatments).Select(_ => nn.Linear(options.ExpertWidth, options.TowerWidth)).ToArray());
        _towerOut = nn.ModuleList(Enumerable.Range(0, treatments).Select(_ => nn.Linear(options.TowerWidth, 1)).ToArray());

        Initialise(new Random(unchecked((int)options.Seed ^ (int)(options.Seed >> 32))));
        RegisterComponents();
    }

    internal UpliftModelOptions Options { get; }

    internal int Treatments { get; }

    /// <summary>Width of the concatenated input x.</summary>
    internal int InputWidth { get; }

    internal Linear? FeatureGateDown => _featureGateDown;

    internal Linear? FeatureGateUp => _featureGateUp;

    internal Linear Experts => _experts;

    internal Parameter ExpertScale => _expertScale;

    internal Parameter ExpertShift => _expertShift;

    internal Linear Gates => _gates;

    internal Linear TowerHidden(int treatment) => _towerHidden[treatment];

    internal Linear TowerOut(int treatment) => _towerOut[treatment];

    /// <summary>Logits [N, treatments] of <paramref name="input"/> [N, RowLength].</summary>
    public override Tensor forward(Tensor input) => Trace(input).Logits;

    /// <summary>
    /// The forward pass with the intermediate values the tests check: the experts' outputs after
    /// layer normalisation and before their affine [N, E, H], and the gates [N, treatments, E].
    /// </summary>
    internal UpliftTrace Trace(Tensor input)
    {
        var rows = input.shape[0];
        if (input.dim() != 2 || input.shape[1] != _requestShares.Offset + _requestShares.Length)
        {
            throw new ArgumentException($"Expected features [N, {_requestShares.Offset + _requestShares.Length}], got [{string.Join(", ", input.shape)}].", nameof(input));
        }

        var context = input.narrow(1, _context.Offset, _context.Length);
        var mask = input.narrow(1, _contextMask.Offset, _contextMask.Length);
        var shares = input.narrow(1, _requestShares.Offset, _requestShares.Length);
        var x = cat([context * mask, mask, shares], 1);

        var gated = _featureGateDown is null
            ? x
            : x * _featureGateUp!.forward(_featureGateDown.forward(x)).sigmoid().mul(_two);

        var experts = _experts.forward(gated).reshape(rows, Options.Experts, Options.ExpertWidth);
        var normalised = nn.functional.layer_norm(experts, [Options.ExpertWidth], null, null, LayerNormEpsilon);
        var affine = (normalised * _expertScale).add(_expertShift, _one);
        var activated = Swish(affine);

        var gates = _gates.forward(x).reshape(rows, Treatments, Options.Experts).softmax(-1);
        var mixed = bmm(gates, activated); // [N, T, E] x [N, E, H] -> [N, T, H]

        var logits = new Tensor[Treatments];
        for (var t = 0; t < Treatments; t++)
        {
            var hidden = Swish(_towerHidden[t].forward(mixed.select(1, t)));
            logits[t] = _towerOut[t].forward(hidden);
        }

        return new UpliftTrace(cat(logits, 1), normalised, gates);
    }

    /// <summary>Releases the held Scalars with the modules.</summary>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _one.Dispose();
            _two.Dispose();
        }

        base.Dispose(disposing);
    }

    // Draws every weight from a private generator rather than TorchSharp's global one, so the
    // initial model depends on the seed alone, even while other threads use TorchSharp. The
    // distribution is PyTorch's default for Linear: U(-1/sqrt(fan_in), 1/sqrt(fan_in)).
    private void Initialise(Random random)
    {
        using var _ = no_grad();
        if (_featureGateDown is not null)
        {
            Uniform(_featureGateDown, random);

            // The gate starts as the identity (2·sigmoid(0) = 1): the experts first see the raw
            // input, and the gate learns which features to damp or amplify from there.
            _featureGateUp!.weight.zero_();
            _featureGateUp.bias!.zero_();
        }

        Uniform(_experts, random);
        Uniform(_gates, random);
        for (var t = 0; t < Treatments; t++)
        {
            Uniform(_towerHidden[t], random);
            Uniform(_towerOut[t], random);
        }
    }

    private static void Uniform(Linear layer, Random random)
    {
        var bound = 1 / Math.Sqrt(layer.in_features);
        Fill(layer.weight, random, bound);
        Fill(layer.bias!, random, bound);
    }

    private static void Fill(Tensor parameter, Random random, double bound)
    {
        var values = new float[parameter.numel()];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (float)(((2 * random.NextDouble()) - 1) * bound);
        }

        using var source = tensor(values).reshape(parameter.shape);
        parameter.copy_(source);
    }

    /// <summary>Swish (SiLU): x·sigmoid(x), HoME's activation for experts and towers.</summary>
    internal static Tensor Swish(Tensor x) => x * x.sigmoid();
}

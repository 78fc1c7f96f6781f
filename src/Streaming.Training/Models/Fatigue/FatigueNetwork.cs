using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Streaming.Training.Models.Fatigue;

/// <summary>
/// The FRec-like network in TorchSharp. Every operation here has its twin in
/// <see cref="FatigueOnnxWriter"/>; change both together (the parity tests catch a mismatch).
/// </summary>
/// <remarks>
/// <para>Interest branch: e = normalise(item_vector + Δ[item]), r̄ = Σ_t mask_t·r_t / (1 + Σ_t mask_t),
/// [e, e ⊙ r̄, r̄, cluster_summary] → Linear → ReLU → Linear → interest logit.</para>
/// <para>Fatigue branch: x0 = [M ⊙ Mmask, Mmask, sim ⊙ mask, mask, counts·s_c] through DCN-v2 cross
/// layers; per recent position t the channels [sim_t·mask_t, mask_t, gap ending at t, its mask,
/// M row t, its mask] through causal Conv1d + ReLU layers, read at the newest position and as a
/// mean over positions; with the time features (·s_t, masked) and their mask → Linear → ReLU →
/// Linear → fatigue logit.</para>
/// </remarks>
internal sealed class FatigueNetwork : nn.Module
{
    // Added to |x|² before the square root, so a zero vector normalises to zero, not NaN.
    internal const float NormEpsilon = 1e-12f;

    private readonly Linear _interestHidden;
    private readonly Linear _interestOut;
    private readonly ModuleList<Linear> _cross;
    private readonly ModuleList<Conv1d> _convs;
    private readonly Linear _fatigueHidden;
    private readonly Linear _fatigueOut;
    private readonly Parameter _itemDelta;

    private readonly float[] _gapAlignment;

    public FatigueNetwork(FatigueDimensions dims, FatigueModelOptions options, int vocabularySize)
        : base(nameof(FatigueNetwork))
    {
        Dims = dims;
        Options = options;
        _gapAlignment = dims.GapAlignment();
        _interestHidden = nn.Linear(dims.InterestInput, options.InterestHidden);
        _interestOut = nn.Linear(options.InterestHidden, 1);
        _cross = nn.ModuleList(Enumerable.Range(0, options.CrossLayers).Select(_ => nn.Linear(dims.CrossInput, dims.CrossInput)).ToArray());
        _convs = nn.ModuleList(Enumerable.Range(0, options.ConvLayers)
            .Select(i => nn.Conv1d(i == 0 ? dims.ConvInput : options.ConvChannels, options.ConvChannels, options.ConvKernel))
            .ToArray());
        _fatigueHidden = nn.Linear(dims.CrossInput + (2 * options.ConvChannels) + (2 * dims.TimeFeatures), options.FatigueHidden);
        _fatigueOut = nn.Linear(options.FatigueHidden, 1);
        _itemDelta = nn.Parameter(zeros(vocabularySize + 1, dims.Dimension));
        RegisterComponents();
    }

    public FatigueDimensions Dims { get; }

    public FatigueModelOptions Options { get; }

    public Linear InterestHidden => _interestHidden;

    public Linear InterestOut => _interestOut;

    public IEnumerable<Linear> Cross => _cross;

    public IEnumerable<Conv1d> Convs => _convs;

    public Linear FatigueHidden => _fatigueHidden;

    public Linear FatigueOut => _fatigueOut;

    /// <summary>[V + 1, d]: row 0 (unknown items) stays zero.</summary>
    public Parameter ItemDelta => _itemDelta;

    /// <summary>
    /// Draws every weight from <paramref name="generator"/> with PyTorch's default ranges
    /// (uniform ±1/√fan_in), not from the process-wide generator, so two models built with the same
    /// seed are equal even while other code draws random numbers concurrently.
    /// </summary>
    public void Initialise(Generator generator)
    {
        using var _ = no_grad();
        foreach (var linear in new[] { _interestHidden, _interestOut, _fatigueHidden, _fatigueOut }.Concat(_cross))
        {
            Uniform(linear.weight!, linear.bias, linear.in_features, generator);
        }

        foreach (var conv in _convs)
        {
            Uniform(conv.weight!, conv.bias, conv.weight!.shape[1] * conv.weight.shape[2], generator);
        }

        RedrawItemDelta(generator);
    }

    /// <summary>Δ ~ N(0, EmbeddingInitStd²), row 0 zero.</summary>
    public void RedrawItemDelta(Generator generator)
    {
        using var _ = no_grad();
        _itemDelta.normal_(0, Options.EmbeddingInitStd, generator);
        _itemDelta[0].zero_();
    }

    /// <summary>
    /// The branch logits of <paramref name="x"/>. <paramref name="deltaRows"/> [B] int64 are the
    /// offset-table rows of the candidates (0: none); null scores the item vectors as given, which
    /// is what the exported graph does.
    /// </summary>
    public FatigueLogits Logits(FatigueInputs x, Tensor? deltaRows)
    {
        var dims = Dims;
        var e = x.ItemVector;
        if (deltaRows is not null)
        {
            var known = deltaRows.gt(0).to_type(ScalarType.Float32).unsqueeze(1);
            e = e + (_itemDelta.index_select(0, deltaRows) * known);
        }

        e = Normalise(e);

        // Interest branch.
        var recentMask = x.RecentMask;
        var recentSum = (x.RecentVectors * recentMask.unsqueeze(2)).sum(1);
        var recentMean = recentSum / (recentMask.sum(1, keepdim: true) + 1f);
        var interestIn = cat([e, e * recentMean, recentMean, x.ClusterSummary], 1);
        var interest = _interestOut.forward(nn.functional.relu(_interestHidden.forward(interestIn)));

        // Fatigue branch: _cross layers over the interest-aware matrix.
        var batch = x.ItemVector.shape[0];
        var m = x.FatigueM * x.FatigueMMask;
        var sim = x.Sim * recentMask;
        var x0 = cat([m.reshape(batch, -1), x.FatigueMMask.reshape(batch, -1), sim, recentMask, x.Counts * Options.CountScale], 1);
        var h = x0;
        foreach (var layer in _cross)
        {
            h = (x0 * layer.forward(h)) + h;
        }

        // Temporal module: causal convolutions over the recent window, oldest first.
        var time = x.TimeFeatures * x.TimeMask * Options.TimeScale;
        using var alignment = tensor(_gapAlignment, [dims.TimeFeatures, dims.Recent]);
        var gap = time.mm(alignment);
        var gapMask = x.TimeMask.mm(alignment);
        var channels = cat(
            [
                sim.unsqueeze(1), recentMask.unsqueeze(1), gap.unsqueeze(1), gapMask.unsqueeze(1),
                m.transpose(1, 2), x.FatigueMMask.transpose(1, 2),
            ],
            1);
        foreach (var conv in _convs)
        {
            channels = nn.functional.relu(conv.forward(nn.functional.pad(channels, [Options.ConvKernel - 1, 0])));
        }

        var newest = channels.select(2, dims.Recent - 1);
        var meanOverTime = channels.mean([2]);
        var fatigueIn = cat([h, newest, meanOverTime, time, x.TimeMask], 1);
        var fatigue = _fatigueOut.forward(nn.functional.relu(_fatigueHidden.forward(fatigueIn)));
        return new FatigueLogits(interest, fatigue);
    }

    /// <summary>x / √(|x|² + ε) per row, the normalisation the exported graph applies too.</summary>
    public static Tensor Normalise(Tensor x) => x / ((x * x).sum(1, keepdim: true) + NormEpsilon).sqrt();

    private static void Uniform(Tensor weight, Tensor? bias, long fanIn, Generator generator)
    {
        var bound = 1.0 / Math.Sqrt(fanIn);
        weight.uniform_(-bound, bound, generator);
        bias?.uniform_(-bound, bound, generator);
    }
}

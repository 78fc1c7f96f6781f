using Streaming.Inference.Contracts;
using Streaming.Training.Native;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Streaming.Training.Models.Uplift;

/// <summary>
/// The <c>uplift</c> stage (CDUM-like, SPEC §5–6) with HoME's lessons: shared experts that are
/// layer-normalised and Swish-activated, a feature gate on the input, one softmax gate and one tower
/// per treatment (0 control, 1 short, 2 long); each tower predicts that treatment's long-play ratio.
/// A logged row carries one served treatment, so the loss (binary cross-entropy against the ratio as
/// a soft label) reads only that treatment's output; the towers of the other treatments learn from
/// the rows that served them, through the shared experts.
/// </summary>
public sealed class UpliftModel : ITrainableStage
{
    /// <summary>Treatments the model predicts for, the contract output's second dimension.</summary>
    public const int Treatments = 3;

    private readonly UpliftNetwork _network;

    /// <summary>
    /// A freshly initialised model (loads libtorch first). The initial weights depend on the options
    /// only: they come from <see cref="UpliftModelOptions.Seed"/>, not TorchSharp's global generator.
    /// </summary>
    public UpliftModel(UpliftModelOptions? options = null)
    {
        TorchNativeLibrary.EnsureLoaded();
        Options = (options ?? UpliftModelOptions.Default).Validate();
        Layout = FeatureLayout.Of(StageContracts.Uplift);
        var output = StageContracts.Uplift.Outputs.Single();
        if (output.Rank != 2 || output.Dimensions[1] != Treatments)
        {
            throw new InvalidOperationException($"The uplift contract's output '{output.Name}' is not [N, {Treatments}].");
        }

        OutputName = output.Name;
        _network = new UpliftNetwork(Layout, Options, Treatments);
    }

    /// <inheritdoc />
    public string Stage => StageContracts.Uplift.Stage;

    /// <inheritdoc />
    public FeatureLayout Layout { get; }

    /// <summary>The options the model was built with (validated).</summary>
    public UpliftModelOptions Options { get; }

    /// <summary>The contract's output name (<c>long_play_ratio</c>).</summary>
    public string OutputName { get; }

    internal UpliftNetwork Network => _network;

    /// <inheritdoc />
    public IEnumerable<Parameter> TrainableParameters() => _network.parameters();

    /// <inheritdoc />
    public void SetTraining(bool training) => _network.train(training);

    /// <summary>
    /// Mean binary cross-entropy of the served treatment's predicted ratio against the observed
    /// long-play ratio (a soft label in [0, 1]). Needs <see cref="TrainingBatch.Treatments"/>.
    /// </summary>
    public Tensor Loss(TrainingBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var treatments = batch.Treatments
            ?? throw new ArgumentException("An uplift batch needs the served treatments.", nameof(batch));
        using var scope = NewDisposeScope();
        var logits = _network.forward(batch.Features);
        // One-hot multiply-sum picks the served treatment's logit; its gradient reaches only that tower.
        var served = (logits * nn.functional.one_hot(treatments, Treatments).to(ScalarType.Float32)).sum(1);
        var loss = nn.functional.binary_cross_entropy_with_logits(served, batch.Labels.to(ScalarType.Float32));
        return loss.MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public float[] Predict(Tensor features, Tensor? itemIds = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var ratios = _network.forward(features).sigmoid().contiguous();
        return ratios.data<float>().ToArray();
    }

    /// <summary>Does nothing: the model has no ID embeddings.</summary>
    public void ReinitialiseEmbeddings()
    {
    }

    /// <inheritdoc />
    public byte[] ExportOnnx(string producerVersion)
    {
        ArgumentException.ThrowIfNullOrEmpty(producerVersion);
        return UpliftOnnxExport.Write(_network, StageContracts.Uplift, producerVersion);
    }

    /// <inheritdoc />
    public void Dispose() => _network.Dispose();
}

using Streaming.Core.Features.Vectors;
using Streaming.Inference.Contracts;
using Streaming.Training.Native;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Streaming.Training.Models.Fatigue;

/// <summary>
/// The <c>fatigue</c> stage model (FRec-like, SPEC §6): an interest branch over the candidate's
/// vector, the recent window's mean vector and the cluster summary; a fatigue branch over the
/// interest-aware matrix M, sim and the counts (DCN-v2 cross layers) and over the recent window
/// in time order (causal convolutions with the gaps); engagement logit = interest − tanh(fatigue).
/// Trained with binary cross-entropy on <c>engaged</c>.
/// </summary>
/// <remarks>
/// <para>
/// Item vectors are trained too: the model holds an offset Δ[item] for each item of its
/// <see cref="ItemVocabulary"/>, and when a batch carries item ids the candidate's vector is
/// <c>normalise(item_vector + Δ[item])</c>. The exported graph keeps the contract's
/// <c>item_vector</c> input and only normalises it, so serving reproduces training exactly when it
/// feeds the vectors of <see cref="TrainedItemVectors(Func{long, float[]})"/> (the bundle's vector
/// table, SPEC §2). The pipeline computes every vector-derived feature (sim, M, recent vectors,
/// counts of similar items, clusters) from whichever vectors it serves, so once a table is
/// published those features move too; the logged samples of the next period carry them, and the
/// next training learns on what was served.
/// </para>
/// <para>
/// Not thread-safe (one training loop drives it). Weights come from <see cref="FatigueModelOptions.Seed"/>
/// through the model's own generator, never the process-wide one.
/// </para>
/// </remarks>
public sealed class FatigueModel : ITrainableStage
{
    private readonly FatigueNetwork _network;
    private readonly Generator _generator;

    /// <summary>
    /// A freshly initialised model for <paramref name="vocabulary"/> (its items get trained
    /// offsets; others score with their vector as given). Loads TorchSharp's native library.
    /// </summary>
    public FatigueModel(FatigueModelOptions options, ItemVocabulary vocabulary)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options.Validate();
        Vocabulary = vocabulary ?? throw new ArgumentNullException(nameof(vocabulary));
        TorchNativeLibrary.EnsureLoaded();
        Layout = FeatureLayout.Of(StageContracts.Fatigue);
        _network = new FatigueNetwork(FatigueDimensions.Of(Layout), Options, vocabulary.Count);
        _generator = new Generator(Options.Seed);
        _network.Initialise(_generator);
    }

    /// <inheritdoc/>
    public string Stage => StageContracts.Fatigue.Stage;

    /// <inheritdoc/>
    public FeatureLayout Layout { get; }

    /// <summary>The options the model was built with.</summary>
    public FatigueModelOptions Options { get; }

    /// <summary>The items with trained offsets.</summary>
    public ItemVocabulary Vocabulary { get; }

    internal FatigueNetwork Network => _network;

    /// <inheritdoc/>
    public IEnumerable<Parameter> TrainableParameters() => _network.parameters();

    /// <inheritdoc/>
    public void SetTraining(bool training) => _network.train(training);

    /// <summary>The mean binary cross-entropy of p_engage against <see cref="TrainingBatch.Labels"/> (engaged, 0/1), computed from the logit.</summary>
    public Tensor Loss(TrainingBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        using var scope = NewDisposeScope();
        var logits = Logits(batch.Features, batch.ItemIds);
        var loss = nn.functional.binary_cross_entropy_with_logits(
            logits.Engagement().squeeze(1), batch.Labels.to_type(ScalarType.Float32));
        return loss.MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    public float[] Predict(Tensor features, Tensor? itemIds = null) => Score(features, itemIds).PEngage;

    /// <summary>
    /// Both outputs for <paramref name="features"/> [rows, 340] without gradients. With
    /// <paramref name="itemIds"/> [rows] int64 the trained offsets apply (as in training); without,
    /// the item vectors score as given, exactly as the exported ONNX model does.
    /// </summary>
    public FatigueScores Score(Tensor features, Tensor? itemIds = null)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var logits = Logits(features, itemIds);
        var p = logits.Engagement().sigmoid().reshape(-1);
        var f = logits.Fatigue.sigmoid().reshape(-1);
        return new FatigueScores(p.data<float>().ToArray(), f.data<float>().ToArray());
    }

    /// <summary>Redraws the item offsets Δ (N(0, EmbeddingInitStd²); unknown items stay at zero).</summary>
    public void ReinitialiseEmbeddings() => _network.RedrawItemDelta(_generator);

    /// <inheritdoc/>
    public byte[] ExportOnnx(string producerVersion)
    {
        ArgumentException.ThrowIfNullOrEmpty(producerVersion);
        return FatigueOnnxWriter.Write(_network, StageContracts.Fatigue, producerVersion);
    }

    /// <summary>
    /// The trained vector of every vocabulary item, <c>normalise(base(item) + Δ[item])</c>, for the
    /// bundle's vector table (write it with <see cref="ItemVectorTableWriter"/>).
    /// <paramref name="baseVector"/> must give the vector training saw for the item: the one
    /// served when the samples were logged (the previous table's, else the hash vector).
    /// </summary>
    public IReadOnlyDictionary<long, float[]> TrainedItemVectors(Func<long, float[]> baseVector)
    {
        ArgumentNullException.ThrowIfNull(baseVector);
        var d = _network.Dims.Dimension;
        var items = Vocabulary.Items;
        var result = new Dictionary<long, float[]>(items.Count);
        if (items.Count == 0)
        {
            return result;
        }

        var bases = new float[items.Count * d];
        for (var i = 0; i < items.Count; i++)
        {
            var v = baseVector(items[i]);
            if (v.Length != d)
            {
                throw new ArgumentException($"The base vector of item {items[i]} has {v.Length} values, expected {d}.", nameof(baseVector));
            }

            v.CopyTo(bases, i * d);
        }

        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var trained = FatigueNetwork.Normalise(tensor(bases, [items.Count, d]) + _network.ItemDelta.narrow(0, 1, items.Count));
        var values = trained.data<float>().ToArray();
        for (var i = 0; i < items.Count; i++)
        {
            result[items[i]] = values.AsSpan(i * d, d).ToArray();
        }

        return result;
    }

    /// <summary>
    /// <see cref="TrainedItemVectors(Func{long, float[]})"/> over <paramref name="baseVectors"/>
    /// (the <see cref="HashItemVectors"/>, or the serving <see cref="ItemVectorTable"/>).
    /// </summary>
    public IReadOnlyDictionary<long, float[]> TrainedItemVectors(IItemVectors baseVectors)
    {
        ArgumentNullException.ThrowIfNull(baseVectors);
        return TrainedItemVectors(item =>
        {
            var v = new float[baseVectors.Dimension];
            baseVectors.CopyVector(item, v);
            return v;
        });
    }

    /// <summary>Frees the native tensors.</summary>
    public void Dispose()
    {
        _network.Dispose();
        _generator.Dispose();
    }

    /// <summary>The branch logits, for training and for the tests of FRec's combination.</summary>
    internal FatigueLogits Logits(Tensor features, Tensor? itemIds)
    {
        ArgumentNullException.ThrowIfNull(features);
        var inputs = FatigueInputs.Split(features.to_type(ScalarType.Float32), Layout);
        return _network.Logits(inputs, itemIds is null ? null : DeltaRows(itemIds, features.shape[0]));
    }

    private Tensor DeltaRows(Tensor itemIds, long rows)
    {
        if (itemIds.numel() != rows)
        {
            throw new ArgumentException($"{itemIds.numel()} item ids for {rows} rows.", nameof(itemIds));
        }

        using var ids = itemIds.to_type(ScalarType.Int64).contiguous();
        var values = ids.data<long>();
        var deltaRows = new long[values.Count];
        for (var i = 0; i < deltaRows.Length; i++)
        {
            deltaRows[i] = Vocabulary.RowOf(values[i]);
        }

        return tensor(deltaRows);
    }
}

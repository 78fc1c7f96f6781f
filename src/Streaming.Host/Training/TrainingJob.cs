using Streaming.Core.Features;
using Streaming.Core.Features.ModelInputs;
using Streaming.Core.Features.Vectors;
using Streaming.Core.Training;
using Streaming.Inference.Registry;
using Streaming.Training;
using Streaming.Training.Fitting;
using Streaming.Training.Job;
using Streaming.Training.Native;
using TrainingOptions = Streaming.Pipeline.Training.TrainingOptions;

namespace Streaming.Host.Training;

/// <summary>
/// One retraining round over both stages, as configured by the <c>training</c> section: read the
/// joined sample log, then for each stage fit, check parity, gate and publish into the registry
/// that the running pipelines follow. Used by <c>streaming train</c> and by <c>run</c>'s schedule.
/// </summary>
public sealed class TrainingJob
{
    private readonly TrainingOptions _training;
    private readonly FeatureOptions _features;
    private readonly IItemVectors _servedVectors;

    /// <summary>
    /// A job over <paramref name="training"/>'s settings for rows of <paramref name="features"/>
    /// computed with <paramref name="servedVectors"/> (the base of the trained item vectors).
    /// </summary>
    public TrainingJob(TrainingOptions training, FeatureOptions features, IItemVectors servedVectors)
    {
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(servedVectors);
        _training = training;
        _features = features;
        _servedVectors = servedVectors;
    }

    /// <summary>How each model is fitted.</summary>
    public FitOptions Fit => new()
    {
        Epochs = _training.Epochs,
        BatchSize = _training.BatchSize,
        LearningRate = _training.LearningRate,
        Seed = _training.Seed,
        ReinitialiseEmbeddingsEachEpoch = _training.Meda,
        Threads = _training.Threads > 0 ? _training.Threads : new FitOptions().Threads,
    };

    /// <summary>When a candidate may replace the serving version.</summary>
    public TrainingGate Gate => new()
    {
        FatigueMetric = _training.Gate.FatigueMetric,
        UpliftMetric = _training.Gate.UpliftMetric,
        MaxRegression = _training.Gate.MaxRegression,
    };

    /// <summary>The models the job trains, seeded by <c>training.seed</c>.</summary>
    public StageModels Models => new(_training.Seed, _servedVectors);

    /// <summary>
    /// Each stage's rows of <paramref name="set"/> (rows of other contract versions left out);
    /// fatigue rows of exposed candidates only when <c>training.exposed_only</c>.
    /// </summary>
    public IReadOnlyList<StageExamples> Examples(TrainingSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        return
        [
            TrainingSetExamples.Fatigue(set, FatigueModelInput.RowSize(_features), _training.ExposedOnly).Examples,
            TrainingSetExamples.Uplift(set, UpliftModelInput.RowSize(_features)).Examples,
        ];
    }

    /// <summary>Runs a round for every stage in <paramref name="stages"/> over <paramref name="set"/>, publishing into <paramref name="registry"/>.</summary>
    public IReadOnlyList<StageRoundReport> Run(TrainingSet set, ModelRegistry registry, IReadOnlyCollection<string> stages, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(stages);
        TorchNativeLibrary.EnsureLoaded();
        var round = new TrainingRound(registry, Gate, Fit);
        var models = Models;
        return Examples(set)
            .Where(e => stages.Contains(e.Stage))
            .Select(e => round.Run(e, models.Create, models.Attachments, cancellation))
            .ToList();
    }
}

using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Streaming.Training.Models;

/// <summary>
/// A stage model the training job can fit, evaluate and export (one per stage contract in
/// <c>schemas/models/</c>). Rows are flattened contract features, exactly as logged
/// (<see cref="FeatureLayout"/>), so training sees what serving saw.
/// </summary>
public interface ITrainableStage : IDisposable
{
    /// <summary>The stage contract's name: <c>fatigue</c> or <c>uplift</c>.</summary>
    string Stage { get; }

    /// <summary>Where each contract input sits in a row of <see cref="TrainingBatch.Features"/>.</summary>
    FeatureLayout Layout { get; }

    /// <summary>Every trainable parameter, for the optimiser.</summary>
    IEnumerable<Parameter> TrainableParameters();

    /// <summary>Switches dropout and similar layers between training and evaluation behaviour.</summary>
    void SetTraining(bool training);

    /// <summary>The mean loss of <paramref name="batch"/> (a scalar with gradients).</summary>
    Tensor Loss(TrainingBatch batch);

    /// <summary>
    /// Scores <paramref name="features"/> [rows, Layout.RowLength] without gradients, as the exported
    /// ONNX model would (<c>fatigue</c>: p_engage, one value per row; <c>uplift</c>: the long-play
    /// ratio of each treatment, three values per row, row-major).
    /// </summary>
    float[] Predict(Tensor features, Tensor? itemIds = null);

    /// <summary>
    /// Draws fresh values for the ID embeddings (MEDA-style multi-epoch training re-initialises them
    /// at every epoch); a model without ID embeddings does nothing.
    /// </summary>
    void ReinitialiseEmbeddings();

    /// <summary>The trained model as an ONNX file that satisfies the stage contract.</summary>
    byte[] ExportOnnx(string producerVersion);
}

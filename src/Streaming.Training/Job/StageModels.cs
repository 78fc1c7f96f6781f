using System.Text;
using Streaming.Core.Features.Vectors;
using Streaming.Training.Models;
using Streaming.Training.Models.Fatigue;
using Streaming.Training.Models.Uplift;

namespace Streaming.Training.Job;

/// <summary>
/// How the training job makes a fresh model of each stage from its training rows, and which files
/// it publishes beside each: the one place that knows the concrete model types.
/// </summary>
public sealed class StageModels
{
    /// <summary>The name of the fatigue model's trained item vectors in a published version (SPEC §2, §8 table format).</summary>
    public const string ItemVectorsFile = "item_vectors.csv";

    private readonly IItemVectors _servedVectors;

    /// <summary>Models seeded by <paramref name="seed"/>; <paramref name="servedVectors"/> are the item vectors the logged features were computed with.</summary>
    public StageModels(ulong seed, IItemVectors servedVectors)
    {
        ArgumentNullException.ThrowIfNull(servedVectors);
        Seed = seed;
        _servedVectors = servedVectors;
    }

    /// <summary>The weights' seed.</summary>
    public ulong Seed { get; }

    /// <summary>The stages the job trains, in order.</summary>
    public static IReadOnlyList<string> Stages { get; } = ["fatigue", "uplift"];

    /// <summary>A fresh model of <paramref name="train"/>'s stage.</summary>
    /// <exception cref="ArgumentException">No model exists for the stage.</exception>
    public ITrainableStage Create(StageExamples train)
    {
        ArgumentNullException.ThrowIfNull(train);
        return train.Stage switch
        {
            "fatigue" => new FatigueModel(new FatigueModelOptions { Seed = Seed }, ItemVocabulary.MostFrequent(train.ItemIds)),
            "uplift" => new UpliftModel(new UpliftModelOptions { Seed = unchecked((long)Seed) }),
            _ => throw new ArgumentException($"No trainable model for stage '{train.Stage}'.", nameof(train)),
        };
    }

    /// <summary>The files to publish beside <paramref name="model"/>.</summary>
    public IReadOnlyDictionary<string, byte[]> Attachments(ITrainableStage model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model is not FatigueModel fatigue)
        {
            return new Dictionary<string, byte[]>();
        }

        using var text = new StringWriter();
        ItemVectorTableWriter.Write(text, fatigue.TrainedItemVectors(_servedVectors), _servedVectors.Dimension);
        return new Dictionary<string, byte[]> { [ItemVectorsFile] = Encoding.UTF8.GetBytes(text.ToString()) };
    }
}

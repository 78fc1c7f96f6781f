using Streaming.Core.Features;
using Streaming.Core.Features.Vectors;

namespace Streaming.Host;

/// <summary>
/// The item vectors of SPEC §2 a command computes features with: the hash vectors, or with
/// <c>--vectors FILE</c> a table (CSV <c>item_id,v0,…</c>, as the fatigue model's published
/// <c>item_vectors.csv</c>), items missing from it falling back to their hash vectors.
/// </summary>
public static class ItemVectorsArgs
{
    /// <summary>The vectors <paramref name="args"/> names, of <paramref name="features"/>' dimension.</summary>
    public static IItemVectors From(CommandLineArgs args, FeatureOptions features)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(features);
        var path = args.Get("vectors");
        return path is null ? new HashItemVectors(features.EmbeddingDim) : Load(path, features);
    }

    /// <summary>The vector table at <paramref name="path"/>, of <paramref name="features"/>' dimension.</summary>
    /// <exception cref="UsageException">The file is missing or not a vector table.</exception>
    public static IItemVectors Load(string path, FeatureOptions features)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(features);
        if (!File.Exists(path))
        {
            throw new UsageException($"--vectors: '{path}' does not exist.");
        }

        try
        {
            using var table = new StreamReader(path);
            return ItemVectorTable.Load(table, features.EmbeddingDim);
        }
        catch (ItemVectorTableFormatException e)
        {
            throw new UsageException($"--vectors {path}: {e.Message}");
        }
    }
}

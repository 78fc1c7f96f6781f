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
        if (path is null)
        {
            return new HashItemVectors(features.EmbeddingDim);
        }

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

using static TorchSharp.torch;

namespace Streaming.Training.Models.Fatigue;

/// <summary>
/// The contract inputs of a batch of flattened rows, each as its own tensor of contract shape
/// ([B, 32], [B, 6, 32], …): the same tensors the exported ONNX graph receives. Views of the
/// batch, owned by the caller's dispose scope.
/// </summary>
internal sealed record FatigueInputs(
    Tensor ItemVector,
    Tensor RecentVectors,
    Tensor RecentMask,
    Tensor FatigueM,
    Tensor FatigueMMask,
    Tensor Sim,
    Tensor Counts,
    Tensor TimeFeatures,
    Tensor TimeMask,
    Tensor ClusterSummary)
{
    /// <summary>The contract input names, in the order of this record's parameters.</summary>
    public static readonly string[] Names =
    [
        "item_vector", "recent_vectors", "recent_mask", "fatigue_m", "fatigue_m_mask",
        "sim", "counts", "time_features", "time_mask", "cluster_summary",
    ];

    /// <summary>Splits <paramref name="features"/> [B, RowLength] along <paramref name="layout"/>.</summary>
    public static FatigueInputs Split(Tensor features, FeatureLayout layout)
    {
        if (features.dim() != 2 || features.shape[1] != layout.RowLength)
        {
            throw new ArgumentException(
                $"Features must be [rows, {layout.RowLength}], got [{string.Join(", ", features.shape)}].", nameof(features));
        }

        Tensor Input(string name)
        {
            var slice = layout[name];
            var shape = new long[slice.RowShape.Count + 1];
            shape[0] = -1;
            for (var i = 0; i < slice.RowShape.Count; i++)
            {
                shape[i + 1] = slice.RowShape[i];
            }

            return features.narrow(1, slice.Offset, slice.Length).reshape(shape);
        }

        return new FatigueInputs(
            Input(Names[0]), Input(Names[1]), Input(Names[2]), Input(Names[3]), Input(Names[4]),
            Input(Names[5]), Input(Names[6]), Input(Names[7]), Input(Names[8]), Input(Names[9]));
    }
}

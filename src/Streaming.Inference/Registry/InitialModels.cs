using Streaming.Inference.Contracts;
using Streaming.Inference.Models;

namespace Streaming.Inference.Registry;

/// <summary>
/// Seeds an empty registry so a node scores with a real ONNX model from its first request:
/// version 1 of a stage is its MLP with deterministic initial weights (<see cref="StageWeights.Initialize"/>).
/// Training later publishes versions 2, 3, … over it.
/// </summary>
public static class InitialModels
{
    /// <summary>
    /// Publishes version 1 of <paramref name="contract"/>'s stage from <paramref name="seed"/> if the
    /// stage has no version yet; returns the stage's latest version either way.
    /// </summary>
    public static long EnsurePublished(ModelRegistry registry, StageContract contract, ulong seed, DateTimeOffset createdAt)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(contract);
        if (registry.LatestVersion(contract.Stage) is { } latest)
        {
            return latest;
        }

        var onnx = StageModelBuilder.Build(contract, StageWeights.Initialize(contract, seed));
        var result = registry.Publish(contract.Stage, 1, onnx, new ModelProvenance(createdAt));
        if (result.Status is not (PublishStatus.Published or PublishStatus.VersionExists))
        {
            throw new InvalidOperationException($"The initial {contract.Stage} model was refused: {result.Status}: {result.Detail}");
        }

        return registry.LatestVersion(contract.Stage) ?? 1;
    }
}

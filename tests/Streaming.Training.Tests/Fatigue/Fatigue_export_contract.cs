using Microsoft.ML.OnnxRuntime;
using Streaming.Inference;
using Streaming.Inference.Contracts;
using Streaming.Inference.Registry;
using Streaming.Inference.Serving;
using Streaming.Training.Models.Fatigue;
using Xunit;

namespace Streaming.Training.Tests.Fatigue;

/// <summary>The exported model is one the serving side accepts: the contract check the registry runs at publish and load.</summary>
public sealed class Fatigue_export_contract
{
    public Fatigue_export_contract() => FatigueTorch.Ready();

    [Fact]
    public void The_exported_model_satisfies_the_fatigue_contract()
    {
        using var model = new FatigueModel(new FatigueModelOptions(), ItemVocabulary.Of([]));
        using var session = new InferenceSession(model.ExportOnnx("test"));

        Assert.Empty(ContractValidator.Violations(StageContracts.Fatigue, session));
    }

    [Fact]
    public void The_registry_publishes_and_loads_the_exported_model()
    {
        using var model = new FatigueModel(new FatigueModelOptions(), ItemVocabulary.Of([]));
        var root = Path.Combine(Path.GetTempPath(), $"fatigue-registry-{Guid.NewGuid():N}");
        try
        {
            var registry = new ModelRegistry(root, new OnnxSessionFactory(new InferenceOptions()));
            var published = registry.Publish("fatigue", 2, model.ExportOnnx("test"), new ModelProvenance(DateTimeOffset.UnixEpoch));
            Assert.Equal(PublishStatus.Published, published.Status);

            var loaded = registry.Load("fatigue", 2);
            Assert.Equal(LoadStatus.Loaded, loaded.Status);
            loaded.Model!.Dispose();
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}

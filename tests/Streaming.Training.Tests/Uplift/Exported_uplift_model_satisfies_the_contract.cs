using Microsoft.ML.OnnxRuntime;
using Streaming.Inference;
using Streaming.Inference.Contracts;
using Streaming.Inference.Registry;
using Streaming.Inference.Serving;
using Streaming.Training.Models.Uplift;
using Streaming.Training.Native;
using Xunit;

namespace Streaming.Training.Tests.Uplift;

public sealed class Exported_uplift_model_satisfies_the_contract
{
    public Exported_uplift_model_satisfies_the_contract() => TorchNativeLibrary.EnsureLoaded();

    [Fact]
    public void The_contract_validator_finds_no_violation()
    {
        using var model = new UpliftModel();
        using var session = new InferenceSession(model.ExportOnnx("test"));

        Assert.Empty(ContractValidator.Violations(StageContracts.Uplift, session));
    }

    [Fact]
    public void The_model_registry_publishes_and_loads_it()
    {
        using var model = new UpliftModel(new UpliftModelOptions { Experts = 2, ExpertWidth = 8, TowerWidth = 4, FeatureGateRank = 0 });
        var root = Path.Combine(Path.GetTempPath(), "streaming-training-tests", Guid.NewGuid().ToString("N"));
        try
        {
            var registry = new ModelRegistry(root, new OnnxSessionFactory(InferenceOptions.Default));

            var published = registry.Publish(model.Stage, 1, model.ExportOnnx("test"), new ModelProvenance(DateTimeOffset.UnixEpoch));
            var loaded = registry.Load(model.Stage, 1);

            Assert.Equal(PublishStatus.Published, published.Status);
            Assert.Equal(LoadStatus.Loaded, loaded.Status);
            loaded.Model!.Dispose();
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}

using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Streaming.Inference.Contracts;
using Streaming.Inference.Models;
using Streaming.Inference.Registry;
using Xunit;

namespace Streaming.Inference.Tests;

public sealed class Model_registry : IDisposable
{
    private static readonly DateTimeOffset s_createdAt = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _dir = new();
    private readonly ListLogger _log = new();
    private readonly InferenceCounters _counters = new();
    private readonly ModelRegistry _registry;

    public Model_registry() => _registry = new ModelRegistry(_dir.Path, TestModels.Sessions, _log, _counters);

    public void Dispose() => _dir.Dispose();

    private static byte[] Fatigue(ulong seed) =>
        StageModelBuilder.Build(StageContracts.Fatigue, StageWeights.Initialize(StageContracts.Fatigue, seed));

    [Fact]
    public void Published_version_has_the_documented_layout_and_loads_back()
    {
        var onnx = Fatigue(1);
        var provenance = new ModelProvenance(s_createdAt, new Dictionary<string, long> { ["samples/0"] = 41, ["samples/1"] = 7 }, new Dictionary<string, double> { ["auc"] = 0.71 });
        var published = _registry.Publish("fatigue", 3, onnx, provenance);
        Assert.Equal(PublishStatus.Published, published.Status);

        var dir = Path.Combine(_dir.Path, "fatigue", "3");
        Assert.Equal(onnx, File.ReadAllBytes(Path.Combine(dir, "model.onnx")));
        var manifest = ModelManifest.TryParse(File.ReadAllBytes(Path.Combine(dir, "manifest.json")))!;
        Assert.Equal(("fatigue", 3L, 1, s_createdAt), (manifest.Stage, manifest.Version, manifest.ContractVersion, manifest.CreatedAt));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(onnx)), manifest.Sha256);
        Assert.Equal(41, manifest.TrainingDataOffsets["samples/0"]);
        Assert.Equal(0.71, manifest.Metrics["auc"]);
        Assert.Equal([3L], _registry.Versions("fatigue"));
        Assert.Empty(Directory.GetDirectories(Path.Combine(_dir.Path, "fatigue"), ".publishing-*"));

        var load = _registry.Load("fatigue", 3);
        Assert.Equal(LoadStatus.Loaded, load.Status);
        using var model = load.Model!;
        Assert.Equal((3L, "fatigue"), (model.Version, model.Stage));
        Assert.Empty(ContractValidator.Violations(StageContracts.Fatigue, model.Session));
        Assert.Equal(0, _counters.ModelsRefused);
    }

    [Fact]
    public void A_published_version_is_immutable()
    {
        Assert.Equal(PublishStatus.Published, _registry.Publish("fatigue", 1, Fatigue(1), new(s_createdAt)).Status);
        Assert.Equal(PublishStatus.VersionExists, _registry.Publish("fatigue", 1, Fatigue(2), new(s_createdAt)).Status);
        Assert.Equal(PublishStatus.InvalidVersion, _registry.Publish("fatigue", 0, Fatigue(2), new(s_createdAt)).Status);
        Assert.Equal(PublishStatus.UnknownStage, _registry.Publish("ranking", 1, Fatigue(2), new(s_createdAt)).Status);
        Assert.Equal(3, _counters.ModelsRefused);
        Assert.Equal(Fatigue(1), File.ReadAllBytes(Path.Combine(_dir.Path, "fatigue", "1", "model.onnx")));
    }

    [Fact]
    public void Publishing_a_model_that_breaks_the_contract_is_refused_with_a_log_line()
    {
        var narrowed = TestModels.Narrowed(StageContracts.Fatigue);
        var onnx = StageModelBuilder.Build(narrowed, StageWeights.Initialize(narrowed, 1));
        var result = _registry.Publish("fatigue", 1, onnx, new(s_createdAt));
        Assert.Equal(PublishStatus.ContractMismatch, result.Status);
        Assert.Contains("input 'item_vector' dimension 1 is 31, expected 32", result.Detail);
        Assert.Empty(_registry.Versions("fatigue"));
        Assert.Equal(1, _counters.ModelsRefused);
        Assert.Equal(1, _log.Count(LogLevel.Warning, "publish ContractMismatch"));
    }

    [Fact]
    public void Publishing_bytes_that_are_not_a_model_is_refused()
    {
        Assert.Equal(PublishStatus.ModelInvalid, _registry.Publish("fatigue", 1, [1, 2, 3, 4, 5], new(s_createdAt)).Status);
        Assert.Empty(_registry.Versions("fatigue"));
    }

    [Fact]
    public void A_model_file_changed_after_publication_fails_the_checksum()
    {
        _registry.Publish("fatigue", 2, Fatigue(1), new(s_createdAt));
        var path = Path.Combine(_dir.Path, "fatigue", "2", "model.onnx");
        var bytes = File.ReadAllBytes(path);
        bytes[^10] ^= 0x55;
        File.WriteAllBytes(path, bytes);

        var load = _registry.Load("fatigue", 2);
        Assert.Equal(LoadStatus.ChecksumMismatch, load.Status);
        Assert.Null(load.Model);
        Assert.Equal(1, _counters.ModelsRefused);
        Assert.Equal(1, _log.Count(LogLevel.Warning, "load ChecksumMismatch"));
    }

    [Fact]
    public void A_corrupt_model_file_with_a_matching_checksum_is_refused_as_invalid()
    {
        byte[] garbage = [.. Enumerable.Range(0, 300).Select(i => (byte)(i * 37))];
        PlaceByHand("fatigue", 4, garbage);
        var load = _registry.Load("fatigue", 4);
        Assert.Equal(LoadStatus.ModelInvalid, load.Status);
        Assert.Equal(1, _log.Count(LogLevel.Warning, "load ModelInvalid"));
    }

    [Fact]
    public void A_model_placed_by_hand_that_breaks_the_contract_is_refused_at_load()
    {
        var narrowed = TestModels.Narrowed(StageContracts.Fatigue);
        PlaceByHand("fatigue", 5, StageModelBuilder.Build(narrowed, StageWeights.Initialize(narrowed, 1)));
        var load = _registry.Load("fatigue", 5);
        Assert.Equal(LoadStatus.ContractMismatch, load.Status);
        Assert.Contains("item_vector", load.Detail);
    }

    [Fact]
    public void Missing_versions_and_manifests_naming_another_version_are_refused()
    {
        Assert.Equal(LoadStatus.NotFound, _registry.Load("fatigue", 9).Status);
        _registry.Publish("fatigue", 6, Fatigue(1), new(s_createdAt));
        Directory.Move(Path.Combine(_dir.Path, "fatigue", "6"), Path.Combine(_dir.Path, "fatigue", "7"));
        Assert.Equal(LoadStatus.ManifestInvalid, _registry.Load("fatigue", 7).Status);
        File.WriteAllText(Path.Combine(_dir.Path, "fatigue", "7", "manifest.json"), "{ \"stage\": ");
        Assert.Equal(LoadStatus.ManifestInvalid, _registry.Load("fatigue", 7).Status);
    }

    [Fact]
    public void Initial_models_are_published_once_as_version_one()
    {
        Assert.Equal(1, InitialModels.EnsurePublished(_registry, StageContracts.Uplift, 11, s_createdAt));
        _registry.Publish("uplift", 2, StageModelBuilder.Build(StageContracts.Uplift, StageWeights.Initialize(StageContracts.Uplift, 12)), new(s_createdAt));
        Assert.Equal(2, InitialModels.EnsurePublished(_registry, StageContracts.Uplift, 11, s_createdAt));
        Assert.Equal([1L, 2L], _registry.Versions("uplift"));
    }

    private void PlaceByHand(string stage, long version, byte[] onnx)
    {
        var dir = Path.Combine(_dir.Path, stage, version.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Directory.CreateDirectory(dir);
        File.WriteAllBytes(Path.Combine(dir, "model.onnx"), onnx);
        var manifest = new ModelManifest { Stage = stage, Version = version, Sha256 = ModelRegistry.Sha256Hex(onnx), ContractVersion = 1, CreatedAt = s_createdAt };
        File.WriteAllBytes(Path.Combine(dir, "manifest.json"), manifest.ToJson());
    }
}

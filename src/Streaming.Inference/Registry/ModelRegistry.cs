using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.ML.OnnxRuntime;
using Streaming.Inference.Contracts;
using Streaming.Inference.Serving;

namespace Streaming.Inference.Registry;

/// <summary>
/// Published model versions on a file system (docs/models.md):
/// <c>&lt;root&gt;/&lt;stage&gt;/&lt;version&gt;/model.onnx</c> and <c>manifest.json</c>. A version is
/// written into a hidden directory and renamed into place, so a reader or watcher sees it whole or
/// not at all; published versions are never rewritten. Both publishing and loading refuse a model
/// that breaks its stage contract; loading also verifies the checksum. Refusals are values, logged
/// and counted.
/// </summary>
public sealed class ModelRegistry
{
    /// <summary>The model file in a version directory.</summary>
    public const string ModelFileName = "model.onnx";

    /// <summary>The manifest file in a version directory.</summary>
    public const string ManifestFileName = "manifest.json";

    private readonly OnnxSessionFactory _sessions;
    private readonly ILogger _logger;
    private readonly InferenceCounters _counters;

    /// <summary>A registry rooted at <paramref name="root"/> (created when missing).</summary>
    public ModelRegistry(string root, OnnxSessionFactory sessions, ILogger? logger = null, InferenceCounters? counters = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        Root = Path.GetFullPath(root);
        _sessions = sessions ?? throw new ArgumentNullException(nameof(sessions));
        _logger = logger ?? NullLogger.Instance;
        _counters = counters ?? new InferenceCounters();
        Directory.CreateDirectory(Root);
    }

    /// <summary>The root directory.</summary>
    public string Root { get; }

    /// <summary>The factory of the sessions <see cref="Load"/> returns, and so their execution provider.</summary>
    public OnnxSessionFactory Sessions => _sessions;

    /// <summary>The directory of <paramref name="stage"/>'s <paramref name="version"/>.</summary>
    public string VersionDirectory(string stage, long version) =>
        Path.Combine(Root, stage, version.ToString(CultureInfo.InvariantCulture));

    /// <summary>The published versions of <paramref name="stage"/>, ascending.</summary>
    public IReadOnlyList<long> Versions(string stage)
    {
        var dir = Path.Combine(Root, stage);
        if (!Directory.Exists(dir))
        {
            return [];
        }

        var versions = new List<long>();
        foreach (var path in Directory.EnumerateDirectories(dir))
        {
            if (long.TryParse(Path.GetFileName(path), NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v > 0)
            {
                versions.Add(v);
            }
        }

        versions.Sort();
        return versions;
    }

    /// <summary>The highest published version of <paramref name="stage"/>, or null.</summary>
    public long? LatestVersion(string stage)
    {
        var versions = Versions(stage);
        return versions.Count == 0 ? null : versions[^1];
    }

    /// <summary>
    /// Publishes <paramref name="onnx"/> as <paramref name="stage"/> version <paramref name="version"/>
    /// after checking that ONNX Runtime loads it and that it satisfies the stage contract (names,
    /// element types, ranks, non-batch dimensions). Warm-up checks (NaN/Inf) happen when a stage
    /// swaps to it.
    /// </summary>
    public PublishResult Publish(string stage, long version, byte[] onnx, ModelProvenance provenance)
    {
        ArgumentNullException.ThrowIfNull(onnx);
        ArgumentNullException.ThrowIfNull(provenance);
        var contract = StageContracts.Find(stage);
        if (contract is null)
        {
            return RefusePublish(stage, version, PublishStatus.UnknownStage, $"no contract for stage '{stage}'");
        }

        if (version <= 0)
        {
            return RefusePublish(stage, version, PublishStatus.InvalidVersion, "versions are positive");
        }

        var target = VersionDirectory(stage, version);
        if (Directory.Exists(target))
        {
            return RefusePublish(stage, version, PublishStatus.VersionExists, $"{target} exists");
        }

        var attachments = provenance.Attachments ?? new Dictionary<string, byte[]>();
        if (attachments.Keys.FirstOrDefault(n => !IsAttachmentName(n)) is { } badName)
        {
            return RefusePublish(stage, version, PublishStatus.ModelInvalid, $"attachment name '{badName}' is not a plain file name beside {ModelFileName} and {ManifestFileName}");
        }

        var (status, detail) = CheckModel(contract, onnx, out var session);
        session?.Dispose();
        if (status != LoadStatus.Loaded)
        {
            var publishStatus = status == LoadStatus.ContractMismatch ? PublishStatus.ContractMismatch : PublishStatus.ModelInvalid;
            return RefusePublish(stage, version, publishStatus, detail);
        }

        var manifest = new ModelManifest
        {
            Stage = stage,
            Version = version,
            Sha256 = Sha256Hex(onnx),
            ContractVersion = contract.ContractVersion,
            TrainingDataOffsets = provenance.TrainingDataOffsets ?? new Dictionary<string, long>(),
            Metrics = provenance.Metrics ?? new Dictionary<string, double>(),
            Attachments = attachments.ToDictionary(a => a.Key, a => Sha256Hex(a.Value), StringComparer.Ordinal),
            CreatedAt = provenance.CreatedAt,
        };

        var staging = Path.Combine(Root, stage, $".publishing-{version}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        try
        {
            File.WriteAllBytes(Path.Combine(staging, ModelFileName), onnx);
            foreach (var (name, bytes) in attachments)
            {
                File.WriteAllBytes(Path.Combine(staging, name), bytes);
            }

            File.WriteAllBytes(Path.Combine(staging, ManifestFileName), manifest.ToJson());
            Directory.Move(staging, target);
        }
        catch (IOException) when (Directory.Exists(target))
        {
            Directory.Delete(staging, recursive: true);
            return RefusePublish(stage, version, PublishStatus.VersionExists, $"{target} was published concurrently");
        }

        InferenceLog.Published(_logger, stage, version, manifest.Sha256);
        return new PublishResult(PublishStatus.Published, "", manifest);
    }

    /// <summary>
    /// Loads <paramref name="stage"/> version <paramref name="version"/> into a session after
    /// verifying the manifest, the checksum and the contract. On success the caller owns the model
    /// (hand it to <see cref="ModelStage.TrySwap"/>).
    /// </summary>
    public LoadResult Load(string stage, long version)
    {
        var contract = StageContracts.Find(stage);
        if (contract is null)
        {
            return RefuseLoad(stage, version, LoadStatus.UnknownStage, $"no contract for stage '{stage}'", null);
        }

        var dir = VersionDirectory(stage, version);
        var manifestPath = Path.Combine(dir, ManifestFileName);
        var modelPath = Path.Combine(dir, ModelFileName);
        if (!Directory.Exists(dir))
        {
            return new LoadResult(LoadStatus.NotFound, $"{dir} does not exist", null, null);
        }

        ModelManifest? manifest;
        byte[] onnx;
        try
        {
            manifest = ModelManifest.TryParse(File.ReadAllBytes(manifestPath));
            onnx = File.ReadAllBytes(modelPath);
        }
        catch (IOException e)
        {
            return RefuseLoad(stage, version, LoadStatus.ManifestInvalid, e.Message, null);
        }

        if (manifest is null || manifest.Stage != stage || manifest.Version != version || manifest.ContractVersion != contract.ContractVersion)
        {
            return RefuseLoad(stage, version, LoadStatus.ManifestInvalid,
                manifest is null
                    ? "manifest.json is not a manifest"
                    : $"manifest names stage '{manifest.Stage}' version {manifest.Version} contract {manifest.ContractVersion}, expected '{stage}' {version} contract {contract.ContractVersion}",
                manifest);
        }

        var actual = Sha256Hex(onnx);
        if (!string.Equals(actual, manifest.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            return RefuseLoad(stage, version, LoadStatus.ChecksumMismatch, $"model.onnx hashes to {actual}, manifest says {manifest.Sha256}", manifest);
        }

        var (status, detail) = CheckModel(contract, onnx, out var session);
        if (status != LoadStatus.Loaded)
        {
            session?.Dispose();
            return RefuseLoad(stage, version, status, detail, manifest);
        }

        return new LoadResult(LoadStatus.Loaded, "", new LoadedModel(stage, version, session!), manifest);
    }

    /// <summary>The bytes of <paramref name="stage"/> version <paramref name="version"/>'s <c>model.onnx</c>, unverified (offline evaluation; serving goes through <see cref="Load"/>).</summary>
    public byte[] ReadModelBytes(string stage, long version) => File.ReadAllBytes(Path.Combine(VersionDirectory(stage, version), ModelFileName));

    /// <summary>The manifest of <paramref name="stage"/> version <paramref name="version"/>, or null when absent or unreadable (no checks beyond parsing).</summary>
    public ModelManifest? ReadManifest(string stage, long version)
    {
        try
        {
            return ModelManifest.TryParse(File.ReadAllBytes(Path.Combine(VersionDirectory(stage, version), ManifestFileName)));
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static bool IsAttachmentName(string name) =>
        name.Length > 0 && name == Path.GetFileName(name) && name[0] != '.' &&
        name != ModelFileName && name != ManifestFileName;

    /// <summary>Lowercase hex SHA-256 of <paramref name="bytes"/>.</summary>
    public static string Sha256Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private (LoadStatus Status, string Detail) CheckModel(StageContract contract, byte[] onnx, out InferenceSession? session)
    {
        try
        {
            session = _sessions.Create(onnx);
        }
        catch (OnnxRuntimeException e)
        {
            session = null;
            return (LoadStatus.ModelInvalid, e.Message);
        }

        var violations = ContractValidator.Violations(contract, session);
        return violations.Count == 0
            ? (LoadStatus.Loaded, "")
            : (LoadStatus.ContractMismatch, string.Join("; ", violations));
    }

    private PublishResult RefusePublish(string stage, long version, PublishStatus status, string detail)
    {
        _counters.ModelRefused();
        InferenceLog.ModelRefused(_logger, stage, version, $"publish {status}", detail);
        return new PublishResult(status, detail, null);
    }

    private LoadResult RefuseLoad(string stage, long version, LoadStatus status, string detail, ModelManifest? manifest)
    {
        _counters.ModelRefused();
        InferenceLog.ModelRefused(_logger, stage, version, $"load {status}", detail);
        return new LoadResult(status, detail, null, manifest);
    }
}

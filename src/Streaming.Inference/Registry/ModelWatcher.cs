using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Streaming.Inference.Registry;

/// <summary>
/// Watches a <see cref="ModelRegistry"/> and announces each stage's newest version once: on start,
/// on file-system events under the root, and on a periodic poll
/// (<see cref="InferenceOptions.ModelPollIntervalMs"/>) because file-system events are lost on
/// some file systems (network mounts, container volumes) and when their buffer overflows.
/// </summary>
public sealed class ModelWatcher : IModelAnnouncements, IDisposable
{
    private readonly ModelRegistry _registry;
    private readonly IReadOnlyList<string> _stages;
    private readonly InferenceOptions _options;
    private readonly ILogger _logger;
    private readonly InferenceCounters _counters;
    private readonly Lock _scanLock = new();
    private readonly Dictionary<string, long> _announced = new(StringComparer.Ordinal);
    private FileSystemWatcher? _fileWatcher;
    private Timer? _timer;
    private bool _disposed;

    /// <summary>A watcher of <paramref name="stages"/> in <paramref name="registry"/>; <see cref="Start"/> starts it.</summary>
    public ModelWatcher(ModelRegistry registry, IEnumerable<string> stages, InferenceOptions options, ILogger? logger = null, InferenceCounters? counters = null)
    {
        _registry = registry ?? throw new ArgumentNullException(nameof(registry));
        _stages = [.. stages ?? throw new ArgumentNullException(nameof(stages))];
        _options = (options ?? throw new ArgumentNullException(nameof(options))).Validate();
        _logger = logger ?? NullLogger.Instance;
        _counters = counters ?? new InferenceCounters();
    }

    /// <inheritdoc />
    public event EventHandler<ModelVersionAvailable>? VersionAvailable;

    /// <summary>Scans once (announcing what is there), then watches the file system and polls.</summary>
    public void Start()
    {
        Scan();
        lock (_scanLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _fileWatcher = new FileSystemWatcher(_registry.Root)
            {
                IncludeSubdirectories = true,
                NotifyFilter = NotifyFilters.DirectoryName | NotifyFilters.FileName,
            };
            _fileWatcher.Created += OnFileEvent;
            _fileWatcher.Renamed += OnFileEvent;
            _fileWatcher.Error += (_, _) => ScanInBackground();
            _fileWatcher.EnableRaisingEvents = true;
            var period = TimeSpan.FromMilliseconds(_options.ModelPollIntervalMs);
            _timer = new Timer(_ => Scan(), null, period, period);
        }
    }

    /// <summary>Rescans now; announces every stage whose newest version is above the last announced.</summary>
    public void Scan()
    {
        List<ModelVersionAvailable>? news = null;
        lock (_scanLock)
        {
            if (_disposed)
            {
                return;
            }

            try
            {
                foreach (var stage in _stages)
                {
                    if (_registry.LatestVersion(stage) is { } latest
                        && (!_announced.TryGetValue(stage, out var last) || latest > last))
                    {
                        _announced[stage] = latest;
                        (news ??= []).Add(new ModelVersionAvailable(stage, latest));
                    }
                }
            }
            catch (IOException e)
            {
                InferenceLog.ScanFailed(_logger, e, _registry.Root);
            }
        }

        // Act after the lock: handlers load models, which takes a while.
        if (news is null)
        {
            return;
        }

        foreach (var item in news)
        {
            _counters.VersionAnnounced();
            InferenceLog.VersionAvailable(_logger, item.Stage, item.Version);
            VersionAvailable?.Invoke(this, item);
        }
    }

    /// <summary>Stops watching and polling.</summary>
    public void Dispose()
    {
        lock (_scanLock)
        {
            _disposed = true;
            _fileWatcher?.Dispose();
            _timer?.Dispose();
        }
    }

    private void OnFileEvent(object sender, FileSystemEventArgs e) => ScanInBackground();

    private void ScanInBackground() => ThreadPool.UnsafeQueueUserWorkItem(static w => w.Scan(), this, preferLocal: false);
}

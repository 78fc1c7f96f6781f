using System.Diagnostics;
using System.Globalization;
using Streaming.Core.Features;
using Streaming.Core.Features.Vectors;
using Streaming.Kafka.Embedded;
using Streaming.Pipeline;
using Streaming.Pipeline.Health;
using Streaming.State;

namespace Streaming.Host.Chaos;

/// <summary>
/// The kill -9 harness. The embedded broker lives in this process (so it survives every kill);
/// the pipeline runs as a child process (<c>streaming run</c>) on a RocksDB store in the work
/// folder. The workload is produced with flow control while the child runs; at each seeded kill
/// point the child gets SIGKILL and a new one is started on the same store and group. The last
/// one runs until its durable state covers every record, then drains on SIGTERM. Finally this
/// process opens the store (RocksDB admits one opener, so only after the child is gone) and
/// compares it, the scored topic and the dead-letter topic with the reference.
/// </summary>
internal sealed class KillChaosRun : IDisposable
{
    private static readonly TimeSpan s_pollInterval = TimeSpan.FromMilliseconds(50);

    private readonly ChaosOptions _options;
    private readonly Action<string> _log;
    private readonly DurableProgress _progress = new();
    private readonly HealthProbe _probe = new();
    private PipelineProcess? _current;
    private volatile PipelineHealth? _lastHealth;

    private KillChaosRun(ChaosOptions options, Action<string> log)
    {
        _options = options;
        _log = log;
    }

    private string NodeFolder => Path.Combine(_options.WorkFolder, "node");

    private string StoreFolder => Path.Combine(NodeFolder, "store");

    public static async Task<ChaosResult> RunAsync(ChaosOptions options, Action<string> log, CancellationToken cancellation = default)
    {
        options.Validate();
        using var run = new KillChaosRun(options, log);
        return await run.RunAsync(cancellation).ConfigureAwait(false);
    }

    public void Dispose() => _probe.Dispose();

    private async Task<ChaosResult> RunAsync(CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        if (Directory.Exists(NodeFolder))
        {
            Directory.Delete(NodeFolder, recursive: true);
        }
        Directory.CreateDirectory(NodeFolder);

        var workload = ChaosWorkload.Create(_options.Events, _options.Users, _options.BadRecords, _options.Seed, _options.MaxPayloadBytes);
        var total = workload.Records.Count;
        var points = KillPoint.Schedule(_options.Seed, _options.Kills, total, _options.MaxKillDelay, _options.MaxStartupKillDelay);
        _log($"workload: {workload.Events.Count:N0} events ({workload.Requests:N0} requests) and {workload.BadRecords:N0} bad records over {_options.Partitions} partitions; {_options.Kills} kills, seed {_options.Seed}");

        var pipeline = new PipelineOptions { Partitions = _options.Partitions, GroupId = "chaos", MaxPayloadBytes = _options.MaxPayloadBytes };
        using var broker = EmbeddedKafkaBroker.Start();
        EmbeddedTopics.Create(broker, pipeline);
        using var collector = OutputCollector.Start(broker.BootstrapServers, pipeline, _options.Partitions);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var polling = Task.Run(() => PollProgress(stop.Token), CancellationToken.None);
        using var producer = new WorkloadProducer(broker.BootstrapServers, pipeline.EventsTopic);
        var window = (long)_options.WindowPerPartition * _options.Partitions;
        var producing = Task.Run(() => producer.ProduceAsync(workload, () => _progress.Total, window, _options.RecordsPerSecond, stop.Token), CancellationToken.None);

        var durableAtKills = new List<long>();
        try
        {
            for (var k = 0; k < points.Count; k++)
            {
                var point = points[k];
                using var child = StartChild(broker.BootstrapServers, k);
                if (!point.DuringStartup)
                {
                    await WaitUntil(() => producer.Produced >= point.AfterProducedRecords && (CheckpointedSinceStart() || Idle(producer)), child, producing, stop.Token).ConfigureAwait(false);
                }
                await Task.Delay(point.Delay, stop.Token).ConfigureAwait(false);
                if (child.HasExited)
                {
                    throw new InvalidOperationException($"The pipeline process exited by itself with code {child.ExitCode}:\n{child.Tail()}");
                }
                child.Kill();
                Volatile.Write(ref _current, null);
                durableAtKills.Add(_progress.Total);
                var when = point.DuringStartup
                    ? $"{point.Delay.TotalMilliseconds:F0} ms after start"
                    : $"{point.AfterProducedRecords:N0} produced + {point.Delay.TotalMilliseconds:F0} ms";
                _log($"kill -9 {k + 1}/{points.Count}: pid {child.Id} at {when}; {producer.Produced:N0} produced, {_progress.Total:N0} durable (as last reported) of {total:N0}");
            }

            using (var last = StartChild(broker.BootstrapServers, points.Count))
            {
                // Caught up, and this process is up (it owns every partition): only then does it
                // have its SIGTERM handler, and only then is its store known to be open.
                await WaitUntil(() => producing.IsCompletedSuccessfully && _progress.Total >= total && _lastHealth?.Partitions.Count == _options.Partitions,
                    last, producing, stop.Token).ConfigureAwait(false);
                var exit = await last.TerminateAsync(TimeSpan.FromSeconds(60)).ConfigureAwait(false);
                Volatile.Write(ref _current, null);
                if (exit != 0)
                {
                    throw new InvalidOperationException($"The last pipeline process exited with code {exit} after SIGTERM:\n{last.Tail()}");
                }
                _log($"caught up: {total:N0} records durable; drained and stopped (SIGTERM) after {clock.Elapsed.TotalSeconds:F0} s");
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(polling, producing).ContinueWith(static _ => { }, TaskScheduler.Default).ConfigureAwait(false);
        }

        var positions = await producing.ConfigureAwait(false);
        await collector.WaitForEndAsync(TimeSpan.FromSeconds(60)).ConfigureAwait(false);
        var ends = CatchUp.EndOffsets(broker.BootstrapServers, pipeline.EventsTopic, _options.Partitions);
        var engine = new FeatureEngine(FeatureOptions.Default, new HashItemVectors(FeatureOptions.Default.EmbeddingDim));
        ChaosVerdict verdict;
        using (var store = new RocksDbStateStore(new RocksDbStoreOptions { Path = StoreFolder, CreateIfMissing = false }))
        {
            verdict = ChaosVerifier.Verify(workload, positions, store, pipeline.EventsTopic, ends, engine, collector.Answers(), collector.DeadLetters());
        }
        // The nodes run with the default configuration, which logs training samples to files.
        verdict = verdict with { Samples = SampleLogVerifier.Verify(workload, Pipeline.Training.SampleLogs.Folder(NodeFolder)) };
        var bound = (long)_options.Kills * _options.Partitions * pipeline.MaxCheckpointRecords;
        return new ChaosResult(_options, verdict, durableAtKills, bound, clock.Elapsed);
    }

    // The current node has reported a durable mark of its own (marks start empty in each process).
    private bool CheckpointedSinceStart() => _lastHealth?.Partitions.Any(p => p.DurableNextOffset is not null) == true;

    // The current node owns every partition and everything produced so far is durable: it has
    // nothing to checkpoint until more arrives (the producer may be done).
    private bool Idle(WorkloadProducer producer) =>
        _lastHealth?.Partitions.Count == _options.Partitions && _progress.Total >= producer.Produced;

    private PipelineProcess StartChild(string bootstrapServers, int incarnation)
    {
        var arguments = new[]
        {
            "--bootstrap", bootstrapServers,
            "--data", NodeFolder,
            "--group", "chaos",
            "--session-timeout-ms", ((int)_options.SessionTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture),
            "--max-payload-bytes", _options.MaxPayloadBytes.ToString(CultureInfo.InvariantCulture),
        };
        var log = Path.Combine(_options.WorkFolder, $"node-{incarnation.ToString("D2", CultureInfo.InvariantCulture)}.log");
        var child = PipelineProcess.Start(arguments, log);
        _lastHealth = null;
        Volatile.Write(ref _current, child);
        return child;
    }

    private async Task WaitUntil(Func<bool> condition, PipelineProcess child, Task producing, CancellationToken cancellation)
    {
        var lastTotal = -1L;
        var lastChange = Stopwatch.StartNew();
        while (!condition())
        {
            if (child.HasExited)
            {
                throw new InvalidOperationException($"The pipeline process exited by itself with code {child.ExitCode}:\n{child.Tail()}");
            }
            if (producing.IsFaulted)
            {
                await producing.ConfigureAwait(false);
            }
            var now = _progress.Total;
            if (now != lastTotal)
            {
                lastTotal = now;
                lastChange.Restart();
            }
            else if (lastChange.Elapsed > _options.StallTimeout)
            {
                var health = _lastHealth is { } h ? PipelineHealthJson.Serialize(h) : "(no health report from this process)";
                throw new TimeoutException($"No durable progress for {_options.StallTimeout.TotalSeconds:F0} s at {now:N0} records; last health: {health}\n{child.Tail()}");
            }
            await Task.Delay(s_pollInterval, cancellation).ConfigureAwait(false);
        }
    }

    private async Task PollProgress(CancellationToken cancellation)
    {
        while (!cancellation.IsCancellationRequested)
        {
            if (Volatile.Read(ref _current) is { } child && await _probe.TryGetAsync(child.HealthUrl, cancellation).ConfigureAwait(false) is { } health)
            {
                _progress.Update(health);
                if (ReferenceEquals(Volatile.Read(ref _current), child))
                {
                    _lastHealth = health;
                }
            }
            try
            {
                await Task.Delay(s_pollInterval, cancellation).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}

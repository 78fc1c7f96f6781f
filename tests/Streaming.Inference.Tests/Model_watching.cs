using System.Collections.Concurrent;
using Streaming.Inference.Contracts;
using Streaming.Inference.Models;
using Streaming.Inference.Registry;
using Streaming.Inference.Serving;
using Xunit;

namespace Streaming.Inference.Tests;

public sealed class Model_watching : IDisposable
{
    private static readonly DateTimeOffset s_createdAt = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static byte[] Uplift(ulong seed) =>
        StageModelBuilder.Build(StageContracts.Uplift, StageWeights.Initialize(StageContracts.Uplift, seed));

    [Fact]
    public void Scans_announce_each_stages_newest_version_once()
    {
        var registry = new ModelRegistry(_dir.Path, TestModels.Sessions);
        var counters = new InferenceCounters();
        using var watcher = new ModelWatcher(registry, ["uplift", "fatigue"], InferenceOptions.Default, counters: counters);
        var seen = new List<(string, long)>();
        watcher.VersionAvailable += (_, e) => seen.Add((e.Stage, e.Version));

        watcher.Scan();
        Assert.Empty(seen);
        registry.Publish("uplift", 1, Uplift(1), new(s_createdAt));
        registry.Publish("uplift", 2, Uplift(2), new(s_createdAt));
        watcher.Scan();
        watcher.Scan();
        registry.Publish("uplift", 3, Uplift(3), new(s_createdAt));
        watcher.Scan();

        Assert.Equal([("uplift", 2L), ("uplift", 3L)], seen);
        Assert.Equal(2, counters.VersionsAnnounced);
    }

    [Fact]
    public async Task A_started_watcher_notices_a_publication_and_the_follower_swaps_to_it()
    {
        var registry = new ModelRegistry(_dir.Path, TestModels.Sessions);
        registry.Publish("uplift", 1, Uplift(1), new(s_createdAt));
        using var stage = new ModelStage(StageContracts.Uplift, InferenceOptions.Default);
        // A long poll: the file-system watcher is what notices; the poll is the safety net.
        using var watcher = new ModelWatcher(registry, ["uplift"], new InferenceOptions { ModelPollIntervalMs = 200 });
        using var follower = new ModelFollower(registry, stage, watcher);
        var announced = new ConcurrentQueue<long>();
        watcher.VersionAvailable += (_, e) => announced.Enqueue(e.Version);

        watcher.Start();
        Assert.Equal(1, stage.ServingVersion);

        registry.Publish("uplift", 2, Uplift(2), new(s_createdAt));
        for (var i = 0; i < 3000 && stage.ServingVersion != 2; i++)
        {
            await Task.Delay(10);
        }

        Assert.Equal(2, stage.ServingVersion);
        Assert.Contains(2L, announced);
    }

    [Fact]
    public void The_follower_keeps_serving_when_the_announced_version_is_refused()
    {
        var registry = new ModelRegistry(_dir.Path, TestModels.Sessions);
        registry.Publish("uplift", 1, Uplift(1), new(s_createdAt));
        registry.Publish("uplift", 2, StageModelBuilder.Build(StageContracts.Uplift, TestModels.WithNaN(StageContracts.Uplift, 2)), new(s_createdAt));
        var counters = new InferenceCounters();
        using var stage = new ModelStage(StageContracts.Uplift, InferenceOptions.Default, counters: counters);
        var announcements = new ManualAnnouncements();
        using var follower = new ModelFollower(registry, stage, announcements);

        announcements.Announce("uplift", 1);
        announcements.Announce("uplift", 2);
        announcements.Announce("fatigue", 9);

        Assert.Equal(1, stage.ServingVersion);
        Assert.Equal((1L, 1L), (counters.SwapsCompleted, counters.SwapsRefused));
    }

    private sealed class ManualAnnouncements : IModelAnnouncements
    {
        public event EventHandler<ModelVersionAvailable>? VersionAvailable;

        public void Announce(string stage, long version) => VersionAvailable?.Invoke(this, new ModelVersionAvailable(stage, version));
    }
}

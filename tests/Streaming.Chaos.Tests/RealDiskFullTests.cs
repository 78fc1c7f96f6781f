using System.Net;
using Streaming.Pipeline.Health;
using Xunit;
using Xunit.Abstractions;

namespace Streaming.Chaos.Tests;

/// <summary>
/// The "unwritable store" variant with a real device: chmod does not stop root (and RocksDB writes
/// its log through a descriptor opened earlier anyway), so the store lives on a small tmpfs that
/// the test fills up.
/// </summary>
public sealed class RealDiskFullTests(ITestOutputHelper output)
{
    // Small on purpose: RocksDB preallocates its log (about 1.1 x the 64 MiB write buffer) where it
    // can, and writes into preallocated space do not fail when the device fills up.
    [TmpfsFact]
    public async Task A_full_disk_turns_health_red_and_after_space_is_freed_a_restart_resumes_with_nothing_lost()
    {
        using var disk = Tmpfs.Mount(megabytes: 16);
        await using var bed = new ChaosTestBed(partitions: 4, storePath: Path.Combine(disk.Path, "store"));
        var workload = ChaosTestBed.Workload(events: 8_000, bad: 200, users: 200);
        using var http = new HttpClient();

        var producing = bed.Produce(workload, windowPerPartition: 500);
        await using (var node = bed.StartNode())
        {
            await using var health = HealthEndpoint.Start(0, node.Pipeline, bed.Store);
            await bed.WaitDurable(workload.Records.Count / 3, node);
            var filler = disk.Fill();
            await ChaosTestBed.WaitUntil(() => node.Pipeline.Metrics.StoreFailures >= 3, TimeSpan.FromSeconds(30), "checkpoints fail with ENOSPC");
            using (var red = await http.GetAsync(health.Url))
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, red.StatusCode);
                var report = PipelineHealthJson.Deserialize(await red.Content.ReadAsStringAsync());
                Assert.True(report.Store.Failing);
            }
            var storedAtFault = bed.Durable();

            File.Delete(filler);
            // RocksDB keeps a failed log write as a background error: it refuses every later write,
            // also once space is free again, until the database is reopened. Recorded, not asserted.
            await Task.Delay(TimeSpan.FromSeconds(3));
            output.WriteLine($"3 s after freeing space: store failing = {node.Pipeline.Metrics.StoreFailing}, failures = {node.Pipeline.Metrics.StoreFailures}, durable {storedAtFault:N0} -> {bed.Durable():N0}");
            await node.AbortAsync();
        }

        // The restart: the store is reopened (its log replayed) and the pipeline resumes from the
        // last durable checkpoint.
        bed.ReopenStore();
        await using (var node = bed.StartNode())
        {
            var positions = await producing;
            await bed.WaitDurable(workload.Records.Count, node);
            await node.DrainAsync();
            var verdict = await bed.Verify(workload, positions);
            Assert.True(verdict.StateEqual, $"{verdict.UsersEqual}/{verdict.Users} users equal the reference");
            Assert.Empty(verdict.Problems());
            // Outputs of the checkpoints that failed were delivered, and produced again after the restart.
            Assert.InRange(verdict.Duplicates, 0, 2L * bed.Options.Partitions * bed.Options.MaxCheckpointRecords);
            output.WriteLine($"duplicates after the restart: {verdict.Duplicates} answers, {verdict.DeadLetterDuplicates} dead letters");
        }
    }
}

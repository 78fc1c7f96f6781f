using System.Net;
using Streaming.Host;
using Streaming.Pipeline.Health;
using Streaming.State;
using Xunit;

namespace Streaming.Chaos.Tests;

public sealed class StoreFaultTests
{
    [Fact]
    public async Task While_commits_fail_nothing_is_committed_health_is_red_and_when_the_fault_clears_the_pipeline_resumes_with_nothing_lost()
    {
        await using var bed = new ChaosTestBed(partitions: 4);
        var workload = ChaosTestBed.Workload(events: 12_000, bad: 300, users: 200);
        var failing = new FaultInjectingStateStore(bed.Store);
        await using var node = bed.StartNode(failing);
        await using var health = HealthEndpoint.Start(FreePort(), node.Pipeline, failing);
        using var http = new HttpClient();

        // The first third goes through; then the disk fills up while the rest arrives (at most
        // 2,000 records ahead of the store, so the producer has to wait for it).
        var producing = bed.Produce(workload, windowPerPartition: 500);
        await bed.WaitDurable(workload.Records.Count / 3, node);
        failing.FailCommits();
        await ChaosTestBed.WaitUntil(() => failing.InjectedFailures >= 4, TimeSpan.FromSeconds(30), "checkpoints fail and are retried");
        // Let the Kafka commit of what was durable before the fault go out (every second), and the
        // consumer's snapshot catch up with it.
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        var storedAtFault = bed.Durable();
        var committedAtFault = Committed(node);

        Assert.True(node.Pipeline.Metrics.StoreFailing);
        using (var red = await http.GetAsync(health.Url))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, red.StatusCode);
            var report = PipelineHealthJson.Deserialize(await red.Content.ReadAsStringAsync());
            Assert.Equal(HealthStatus.Unhealthy, report.Status);
            Assert.True(report.Live);
            Assert.True(report.Store.Failing);
            Assert.Contains(report.Reasons, r => r.StartsWith("store:", StringComparison.Ordinal));
        }
        var command = new StringWriter();
        Assert.Equal(1, await StreamingCli.RunAsync(["health", "--url", health.Url.ToString()], command, TextWriter.Null));
        Assert.Contains("unhealthy: store:", command.ToString(), StringComparison.Ordinal);

        // Retried with backoff for a while, nothing becomes durable or committed.
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(storedAtFault, bed.Durable());
        Assert.Equal(committedAtFault, Committed(node));
        Assert.False(node.Pipeline.Completion.IsCompleted);
        Assert.False(producing.IsCompleted, "the workload's flow control must wait for the store");

        failing.ClearFaults();
        var positions = await producing;
        await bed.WaitDurable(workload.Records.Count, node);
        Assert.False(node.Pipeline.Metrics.StoreFailing);
        using (var green = await http.GetAsync(health.Url))
        {
            Assert.Equal(HttpStatusCode.OK, green.StatusCode);
        }
        await node.DrainAsync();

        var verdict = await bed.Verify(workload, positions);
        Assert.True(verdict.StateEqual, $"{verdict.UsersEqual}/{verdict.Users} users equal the reference");
        Assert.Empty(verdict.Problems());
        // The failed checkpoints' outputs were delivered once; only their store writes were retried.
        Assert.Equal(0, verdict.Duplicates);
        Assert.Equal(0, verdict.DeadLetterDuplicates);
        Assert.True(node.Pipeline.Metrics.StoreFailures >= 4);
    }

    [Fact]
    public async Task A_commit_written_but_reported_failed_is_recognised_on_retry_and_nothing_is_applied_twice()
    {
        await using var bed = new ChaosTestBed(partitions: 4);
        var workload = ChaosTestBed.Workload(events: 8_000, bad: 200, users: 200);
        var failing = new FaultInjectingStateStore(bed.Store);
        await using var node = bed.StartNode(failing);

        var producing = bed.Produce(workload);
        await bed.WaitDurable(workload.Records.Count / 4, node);
        // Every commit lands but its caller sees an I/O error; the retry is fenced by its own
        // write and must count as done, not as another owner's.
        failing.FailCommits(CommitFault.AfterWrite);
        await ChaosTestBed.WaitUntil(() => failing.InjectedFailures >= 20, TimeSpan.FromSeconds(30), "twenty acknowledgements are lost");
        failing.ClearFaults();
        var positions = await producing;
        await bed.WaitDurable(workload.Records.Count, node);
        Assert.False(node.Pipeline.Completion.IsCompleted);
        Assert.Equal(0, node.Pipeline.Metrics.Fenced);
        await node.DrainAsync();

        var verdict = await bed.Verify(workload, positions);
        Assert.True(verdict.StateEqual, $"{verdict.UsersEqual}/{verdict.Users} users equal the reference");
        Assert.Empty(verdict.Problems());
        Assert.Equal(0, verdict.Duplicates);
    }

    private static Dictionary<int, long?> Committed(Pipeline.PipelineNode node) =>
        node.Pipeline.Control.Snapshot().Partitions.ToDictionary(p => p.Partition.Partition.Value, p => p.CommittedNextOffset);

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

using System.Net;
using Streaming.Host;
using Streaming.Host.Commands;
using Streaming.Pipeline.Health;
using Xunit;

namespace Streaming.Chaos.Tests;

public sealed class HealthEndpointTests
{
    [Fact]
    public async Task The_endpoint_serves_partitions_lag_counters_and_the_last_commit_as_json_with_200_while_healthy()
    {
        await using var bed = new ChaosTestBed(partitions: 3);
        var workload = ChaosTestBed.Workload(events: 3_000, bad: 30, users: 100);
        await using var node = bed.StartNode();
        await using var health = HealthEndpoint.Start(FreePort(), node.Pipeline, bed.Store);
        await bed.Produce(workload);
        await bed.WaitDurable(workload.Records.Count, node);
        // Kafka commits follow the store within a second, and the snapshot is refreshed after each.
        await ChaosTestBed.WaitUntil(() => node.Pipeline.Control.Snapshot().LastCommit is not null, TimeSpan.FromSeconds(10), "a Kafka commit");

        using var http = new HttpClient();
        using var response = await http.GetAsync(health.Url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var report = PipelineHealthJson.Deserialize(await response.Content.ReadAsStringAsync());
        Assert.Equal(HealthStatus.Healthy, report.Status);
        Assert.True(report.Live);
        Assert.Empty(report.Reasons);
        Assert.Equal("Running", report.Consumer);
        Assert.Equal([0, 1, 2], report.Partitions.Select(p => p.Partition));
        var ends = Pipeline.CatchUp.EndOffsets(bed.Broker.BootstrapServers, bed.Options.EventsTopic, bed.Options.Partitions);
        foreach (var partition in report.Partitions)
        {
            Assert.Equal(ends[partition.Partition], partition.StoredNextOffset);
        }
        Assert.NotNull(report.LastCommit);
        Assert.False(report.Store.Failing);
        Assert.Equal(workload.BadRecords, report.Counters.DeadLettered);
        Assert.Equal(workload.Events.Count(e => e.IsInteraction), report.Counters.InteractionsApplied);
        Assert.Equal(workload.Requests, report.Counters.RequestsScored);
        Assert.NotNull(report.Counters.LastCheckpoint);

        using (var missing = await http.GetAsync(new Uri(health.Url, "/nothing-here")))
        {
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        }
        var command = new StringWriter();
        Assert.Equal(0, await StreamingCli.RunAsync(["health", "--url", health.Url.ToString()], command, TextWriter.Null));
        Assert.Contains("healthy: 3 partitions", command.ToString(), StringComparison.Ordinal);
        await node.DrainAsync();
    }

    [Fact]
    public async Task The_health_command_reports_unreachable_when_nothing_listens()
    {
        var output = new StringWriter();
        var code = await StreamingCli.RunAsync(["health", "--url", $"http://127.0.0.1:{FreePort()}/health", "--timeout-ms", "2000"], output, TextWriter.Null);
        Assert.Equal(HealthCommand.Unreachable, code);
        Assert.StartsWith("unreachable:", output.ToString(), StringComparison.Ordinal);
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
